/** The signed-in user's name in the header, opening change-password and sign-out. */
import { useState } from 'react';
import { App, Button, Dropdown, Modal } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/SessionContext.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';

/** The header's user dropdown. */
export function UserMenu() {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [changing, setChanging] = useState(false);

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'password', icon: <KeyOutlined />, label: <span data-testid="change-password">{t('header.changePassword')}</span> },
            { type: 'divider' },
            { key: 'signOut', icon: <LogoutOutlined />, label: <span data-testid="sign-out">{t('header.signOut')}</span> },
          ],
          onClick: ({ key }) => {
            if (key === 'password') setChanging(true);
            if (key === 'signOut') void signOut().then(() => navigate('/login'));
          },
        }}
      >
        <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
          {user?.displayName} <DownOutlined />
        </Button>
      </Dropdown>
      <Modal open={changing} title={t('header.changePassword')} footer={null} onCancel={() => setChanging(false)} destroyOnHidden>
        <ChangePasswordForm
          onDone={() => {
            setChanging(false);
            void message.success(t('password.changed'));
          }}
        />
      </Modal>
    </>
  );
}
