/** The landing page after sign-in: who you are, the roles you hold where, and where to go next. */
import { Card, Col, Row, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/SessionContext.tsx';
import type { Grant } from '../types.ts';

/** The page at /. */
export function HomePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  if (!user) return null;
  const shortcuts = [
    { to: '/plans', key: 'plans', show: true },
    { to: '/org', key: 'org', show: true },
    { to: '/users', key: 'users', show: user.abilities.manageUsers },
    { to: '/audit', key: 'audit', show: user.abilities.readAudit },
  ].filter((shortcut) => shortcut.show);

  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('home.welcome', { name: user.displayName })}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {shortcuts.map((shortcut) => (
          <Col xs={24} sm={12} lg={8} key={shortcut.key}>
            <Link to={shortcut.to}>
              <Card hoverable>
                <Card.Meta title={t(`nav.${shortcut.key}`)} description={t(`home.${shortcut.key}Hint`)} />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      <Card title={t('home.grants')} style={{ marginTop: 16 }}>
        <Table<Grant>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={user.grants}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('home.noGrants') }}
          columns={[
            { title: t('users.role'), dataIndex: 'role', render: (role: string) => t(`roles.${role}`) },
            { title: t('users.unit'), dataIndex: 'unitName' },
            { title: t('org.region'), dataIndex: 'regionName' },
          ]}
        />
      </Card>
    </>
  );
}
