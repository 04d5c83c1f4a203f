/** The audit filters: who, what action, which entity, between which dates (Beijing calendar days). */
import { Button, Col, Form, Input, Row, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** The query `GET /api/audit` accepts, all optional. */
export interface AuditQuery {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
}

/** Calls `onChange` with trimmed non-empty filters when applied, and with none when reset. */
export function AuditFilters({ onChange }: { onChange: (query: AuditQuery) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AuditQuery>();

  function apply(values: AuditQuery) {
    const query: AuditQuery = {};
    for (const [key, value] of Object.entries(values) as [keyof AuditQuery, string | undefined][]) {
      if (value?.trim()) query[key] = value.trim();
    }
    onChange(query);
  }

  const field = (name: keyof AuditQuery, type = 'text') => (
    <Col xs={24} sm={12} lg={8} xl={4}>
      <Form.Item name={name} label={t(`audit.${name}`)} style={{ marginBottom: 8 }}>
        <Input type={type} allowClear={type === 'text'} data-testid={`audit-filter-${name}`} />
      </Form.Item>
    </Col>
  );

  return (
    <Form form={form} layout="vertical" onFinish={apply} data-testid="audit-filters">
      <Row gutter={8}>
        {field('actor')}
        {field('action')}
        {field('entityType')}
        {field('entityId')}
        {field('from', 'date')}
        {field('to', 'date')}
      </Row>
      <Space>
        <Button type="primary" htmlType="submit" data-testid="audit-filter-apply">
          {t('audit.apply')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            onChange({});
          }}
        >
          {t('audit.reset')}
        </Button>
      </Space>
    </Form>
  );
}
