/** One grant as form fields: a role and the unit it is held on. */
import { Col, Form, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { roles } from '../../types.ts';

/** Role and unit fields under `prefix` (a path inside a Form.List, or nothing for a top-level pair). */
export function GrantFields({ prefix = [] }: { prefix?: (string | number)[] }) {
  const { t } = useTranslation();
  const name = (field: string): (string | number)[] => [...prefix, field];
  return (
    <Row gutter={8} style={{ flex: 1 }}>
      <Col xs={24} sm={10}>
        <Form.Item name={name('role')} label={t('users.role')} rules={[{ required: true, message: t('users.roleRequired') }]}>
          <Select data-testid="grant-role" options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={14}>
        <Form.Item name={name('unitId')} label={t('users.unit')} rules={[{ required: true, message: t('users.unitRequired') }]}>
          <UnitPicker data-testid="grant-unit" />
        </Form.Item>
      </Col>
    </Row>
  );
}
