/** 稳保 公共服务: what residents and enterprises will find here, honestly marked as not yet available. */
import { Card, Col, Row, Tag, Typography } from 'antd';
import { FileTextOutlined, IdcardOutlined, SolutionOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';

const services = [
  { key: 'jobs', icon: <SolutionOutlined /> },
  { key: 'policies', icon: <FileTextOutlined /> },
  { key: 'unemployment', icon: <IdcardOutlined /> },
] as const;

/** The page at /public: no sign-in, phone first. */
export function PublicLanding() {
  const { t } = useTranslation();
  return (
    <div style={{ minHeight: '100vh', background: '#fff' }}>
      <header
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: 8,
          padding: '12px 16px',
          borderBottom: '1px solid #f0f0f0',
        }}
      >
        <Typography.Text strong style={{ fontSize: 18 }} data-testid="public-title">
          {t('public.title')}
        </Typography.Text>
        <LanguageSwitch />
      </header>
      <main style={{ maxWidth: 720, margin: '0 auto', padding: 16, boxSizing: 'border-box' }}>
        <Typography.Paragraph style={{ fontSize: 16 }}>{t('public.intro')}</Typography.Paragraph>
        <Row gutter={[12, 12]}>
          {services.map((service) => (
            <Col xs={24} sm={8} key={service.key}>
              <Card size="small" style={{ height: '100%' }} data-testid={`public-service-${service.key}`}>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {service.icon} {t(`public.${service.key}`)}
                </Typography.Title>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {t(`public.${service.key}Hint`)}
                </Typography.Paragraph>
                <Tag color="blue">{t('nav.comingSoon')}</Tag>
              </Card>
            </Col>
          ))}
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginTop: 24 }}>
          {t('public.honesty')}
        </Typography.Paragraph>
        <Typography.Paragraph>
          <Link to="/login" data-testid="public-staff-login">
            {t('public.staffLogin')}
          </Link>
        </Typography.Paragraph>
      </main>
    </div>
  );
}
