/** 用户与角色: accounts with their grants; create, disable/enable, change grants, reset password. */
import { useState } from 'react';
import { Alert, App, Button, Card, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, apiUrl, errorMessage } from '../../api.ts';
import { useFetch } from '../../useFetch.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { formatDateTime } from '../../format.ts';
import { SecretNotice } from '../../components/SecretNotice.tsx';
import { CreateUserModal } from './CreateUserModal.tsx';
import { UserGrantsDrawer } from './UserGrantsDrawer.tsx';
import { UserStatus } from './UserStatus.tsx';
import type { Grant, Page, User } from '../../types.ts';
import { pagedTableProps } from '../../components/pagedTableProps.ts';

const pageSize = 20;

/** The page at /users. */
export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user: me } = useSession();
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [grantsOf, setGrantsOf] = useState<User | null>(null);
  const [secret, setSecret] = useState<{ title: string; value: string } | null>(null);

  const { data, error, loading, reload, replace: setData } = useFetch<Page<User>>(
    apiUrl('/api/users', { q: query, limit: pageSize, offset: (page - 1) * pageSize }),
  );

  function replace(user: User) {
    setData((current) => current && { ...current, items: current.items.map((item) => (item.id === user.id ? user : item)) });
  }

  async function act(change: () => Promise<void>) {
    try {
      await change();
    } catch (failure) {
      void message.error(errorMessage(failure));
    }
  }

  const setDisabled = (user: User, disabled: boolean) =>
    act(async () => replace(await api.patch<User>(`/api/users/${user.id}`, { disabled })));

  const resetPassword = (user: User) =>
    act(async () => {
      const { temporaryPassword } = await api.post<{ temporaryPassword: string }>(`/api/users/${user.id}/reset-password`);
      setSecret({ title: t('users.temporaryPasswordOf', { name: user.username }), value: temporaryPassword });
      reload();
    });

  return (
    <Card
      title={t('nav.users')}
      size="small"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          disabled={!me?.abilities.manageUsers}
          onClick={() => setCreating(true)}
          data-testid="user-create"
        >
          {t('users.create')}
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input.Search
          allowClear
          placeholder={t('users.search')}
          style={{ maxWidth: 360 }}
          onSearch={(text) => {
            setPage(1);
            setQuery(text.trim());
          }}
          data-testid="user-search"
        />
        {error && <Alert type="error" showIcon title={error} />}
        <Table<User>
          data-testid="users-table"
          {...pagedTableProps({ data, loading, page, pageSize, setPage })}
          size="middle"
          columns={[
            { title: t('users.username'), dataIndex: 'username' },
            { title: t('users.displayName'), dataIndex: 'displayName' },
            { title: t('users.status'), key: 'status', render: (_value, user) => <UserStatus user={user} /> },
            {
              title: t('users.grants'),
              dataIndex: 'grants',
              render: (grants: Grant[]) =>
                grants.map((grant) => <Tag key={grant.id}>{`${t(`roles.${grant.role}`)} · ${grant.unitName}`}</Tag>),
            },
            { title: t('common.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at) },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_value, user) => (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => setGrantsOf(user)}>
                    {t('users.grants')}
                  </Button>
                  <Popconfirm
                    title={user.disabled ? t('users.enableConfirm') : t('users.disableConfirm')}
                    onConfirm={() => setDisabled(user, !user.disabled)}
                  >
                    <Button type="link" size="small" danger={!user.disabled}>
                      {user.disabled ? t('users.enable') : t('users.disable')}
                    </Button>
                  </Popconfirm>
                  <Popconfirm title={t('users.resetConfirm')} onConfirm={() => resetPassword(user)}>
                    <Button type="link" size="small">
                      {t('users.resetPassword')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Space>
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(user, initialPassword) => {
          setCreating(false);
          reload();
          if (initialPassword) setSecret({ title: t('users.initialPasswordOf', { name: user.username }), value: initialPassword });
          else void message.success(t('users.created', { name: user.username }));
        }}
      />
      <UserGrantsDrawer
        user={grantsOf}
        onClose={() => setGrantsOf(null)}
        onChanged={(user) => {
          replace(user);
          setGrantsOf(user);
        }}
      />
      <SecretNotice title={secret?.title ?? ''} secret={secret?.value ?? null} onClose={() => setSecret(null)} />
    </Card>
  );
}
