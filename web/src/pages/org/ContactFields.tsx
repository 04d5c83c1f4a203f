/** The editable list of a unit's contacts (联络人) inside a form: name, title, phone, email per row. */
import { Button, Card, Col, Form, Input, Row } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** A `Form.List` named `contacts`; `disabled` when the server does not allow editing them. */
export function ContactFields({ disabled = false }: { disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.List name="contacts">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              style={{ marginBottom: 8 }}
              title={t('org.contactNumber', { number: index + 1 })}
              extra={
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  disabled={disabled}
                  onClick={() => remove(field.name)}
                  aria-label={t('common.remove')}
                />
              }
            >
              <Row gutter={8}>
                <Col xs={24} sm={12}>
                  <Form.Item name={[field.name, 'name']} label={t('org.contactName')} rules={[{ required: true, message: t('org.contactNameRequired') }]}>
                    <Input disabled={disabled} data-testid={`contact-${index}-name`} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name={[field.name, 'title']} label={t('org.contactTitle')}>
                    <Input disabled={disabled} data-testid={`contact-${index}-title`} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name={[field.name, 'phone']} label={t('org.contactPhone')}>
                    <Input disabled={disabled} inputMode="tel" data-testid={`contact-${index}-phone`} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name={[field.name, 'email']} label={t('org.contactEmail')} rules={[{ type: 'email', message: t('org.emailInvalid') }]}>
                    <Input disabled={disabled} inputMode="email" data-testid={`contact-${index}-email`} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} disabled={disabled} onClick={() => add({})} data-testid="contact-add">
            {t('org.addContact')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
