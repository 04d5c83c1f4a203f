/** Staff sign-in: username and password; shows the server's message (wrong password, locked out, rate limited). */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api.ts';
import { useSession } from '../session/SessionContext.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';

interface Values {
  username: string;
  password: string;
}

/** The page at /login. */
export function LoginPage() {
  const { t } = useTranslation();
  const { loaded, user, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (loaded && user) return <Navigate to={from} replace />;

  async function submit(values: Values) {
    setBusy(true);
    setError(null);
    try {
      await signIn(values.username, values.password);
      navigate(from, { replace: true });
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ minHeight: '100vh', boxSizing: 'border-box', padding: '16px 12px', display: 'flex', flexDirection: 'column', alignItems: 'center' }}>
      <div style={{ width: '100%', maxWidth: 400, display: 'flex', justifyContent: 'flex-end' }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: '100%', maxWidth: 400, marginTop: '8vh' }}>
        <Typography.Title level={3} style={{ marginTop: 0, textAlign: 'center' }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t('login.subtitle')}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<Values> layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="off" data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
      <Link to="/public" style={{ marginTop: 24 }} data-testid="login-public-link">
        {t('login.publicLink')}
      </Link>
    </div>
  );
}
