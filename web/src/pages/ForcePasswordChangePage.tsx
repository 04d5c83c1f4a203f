/** Shown instead of everything else while the account still has an initial or reset password. */
import { Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/SessionContext.tsx';
import { ChangePasswordForm } from '../components/ChangePasswordForm.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';

/** The forced change-password form, with a way out (sign out) and the language switch. */
export function ForcePasswordChangePage() {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  return (
    <div style={{ minHeight: '100vh', boxSizing: 'border-box', padding: '16px 12px', display: 'flex', flexDirection: 'column', alignItems: 'center' }}>
      <div style={{ width: '100%', maxWidth: 440, display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <LanguageSwitch />
        <Button type="link" onClick={() => void signOut()} data-testid="sign-out">
          {t('header.signOut')}
        </Button>
      </div>
      <Card style={{ width: '100%', maxWidth: 440, marginTop: '6vh' }} data-testid="force-password-change">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('password.forcedTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('password.forcedHint', { name: user?.displayName ?? '' })}</Typography.Paragraph>
        <ChangePasswordForm />
      </Card>
    </div>
  );
}
