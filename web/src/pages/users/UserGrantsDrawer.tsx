/** A user's grants: remove one (`DELETE /api/users/:id/grants/:grantId`) or add one (`POST /api/users/:id/grants`). */
import { Alert, Button, Drawer, Form, Popconfirm, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useSubmit } from '../../forms.ts';
import { GrantFields } from './GrantFields.tsx';
import type { Grant, Role, User } from '../../types.ts';

interface Props {
  user: User | null;
  onClose: () => void;
  onChanged: (user: User) => void;
}

/** The grants drawer; open while `user` is set. */
export function UserGrantsDrawer({ user, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ role: Role; unitId: string }>();
  const { busy, error, clearError, run: write } = useSubmit();

  /** Sends a change of grants and shows the user the server returns. */
  function run(change: () => Promise<User>): Promise<boolean> {
    return write(async () => onChanged(await change()));
  }

  return (
    <Drawer
      open={user !== null}
      onClose={onClose}
      size={Math.min(560, window.innerWidth)}
      title={user ? t('users.grantsOf', { name: user.displayName }) : ''}
      destroyOnHidden
      afterOpenChange={(visible) => visible || clearError()}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {user && (
        <>
          <Table<Grant>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={user.grants}
            locale={{ emptyText: t('home.noGrants') }}
            style={{ marginBottom: 24 }}
            columns={[
              { title: t('users.role'), dataIndex: 'role', render: (role: string) => t(`roles.${role}`) },
              { title: t('users.unit'), render: (_value, grant) => `${grant.unitName} · ${grant.regionName}` },
              {
                title: '',
                key: 'remove',
                width: 80,
                render: (_value, grant) => (
                  <Popconfirm title={t('users.removeGrantConfirm')} onConfirm={() => run(() => api.delete<User>(`/api/users/${user.id}/grants/${grant.id}`))}>
                    <Button type="link" danger size="small">
                      {t('common.remove')}
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
          <Typography.Title level={5}>{t('users.addGrant')}</Typography.Title>
          <Form
            form={form}
            layout="vertical"
            onFinish={async (values) => {
              if (await run(() => api.post<User>(`/api/users/${user.id}/grants`, values))) form.resetFields();
            }}
          >
            <GrantFields />
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('common.add')}
            </Button>
          </Form>
        </>
      )}
    </Drawer>
  );
}
