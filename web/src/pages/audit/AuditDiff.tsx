/** An audit entry's before and after states side by side, as formatted JSON. */
import { Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

function pretty(value: unknown): string {
  return value === null || value === undefined ? '—' : JSON.stringify(value, null, 2);
}

/** The expanded row of the audit table. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  return (
    <Row gutter={16} data-testid="audit-diff">
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('audit.before')}</Typography.Text>
        <pre className="wenbao-json">{pretty(before)}</pre>
      </Col>
      <Col xs={24} md={12}>
        <Typography.Text strong>{t('audit.after')}</Typography.Text>
        <pre className="wenbao-json">{pretty(after)}</pre>
      </Col>
    </Row>
  );
}
