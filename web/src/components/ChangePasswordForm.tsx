/** Current password, new password twice; the server judges the strength and says what is wrong. */
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../forms.ts';
import { useSession } from '../session/SessionContext.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** The form; `onDone` runs after the server accepted the new password. */
export function ChangePasswordForm({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const { changePassword } = useSession();
  const [form] = Form.useForm<Values>();
  const { busy: saving, error, run } = useSubmit();

  async function submit(values: Values) {
    await run(async () => {
      await changePassword(values.currentPassword, values.newPassword);
      form.resetFields();
      onDone?.();
    });
  }

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="password-error" />}
      <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
        <Input.Password autoComplete="current-password" data-testid="password-current" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        extra={t('password.rule')}
        rules={[{ required: true, message: t('password.newRequired') }]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_rule, value) =>
              !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} block data-testid="password-submit">
        {t('password.submit')}
      </Button>
    </Form>
  );
}
