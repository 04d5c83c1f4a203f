/** Creates an account (`POST /api/users`): username, display name, optional password, one or more grants. */
import { Alert, Button, Card, Form, Input, Modal } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useSubmit } from '../../forms.ts';
import { GrantFields } from './GrantFields.tsx';
import type { Role, User } from '../../types.ts';

interface Values {
  username: string;
  displayName: string;
  password?: string;
  grants: { role: Role; unitId: string }[];
}

interface Props {
  open: boolean;
  onClose: () => void;
  /** `initialPassword` is set when the server generated one (no password given). */
  onCreated: (user: User, initialPassword: string | undefined) => void;
}

/** The create-user modal. */
export function CreateUserModal({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { busy: saving, error, clearError, run } = useSubmit(form, ['username', 'displayName', 'password', 'grants']);

  async function submit(values: Values) {
    await run(async () => {
      const body = {
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        ...(values.password ? { password: values.password } : {}),
        grants: values.grants.map((grant) => ({ role: grant.role, unitId: grant.unitId })),
      };
      const created = await api.post<{ user: User; initialPassword?: string }>('/api/users', body);
      form.resetFields();
      onCreated(created.user, created.initialPassword);
    });
  }

  return (
    <Modal
      open={open}
      title={t('users.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      okButtonProps={{ loading: saving }}
      width={640}
      destroyOnHidden
      afterOpenChange={(visible) => visible || clearError()}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ grants: [{}] }} preserve={false}>
        <Form.Item name="username" label={t('users.username')} extra={t('users.usernameHint')} rules={[{ required: true, message: t('users.usernameRequired') }]}>
          <Input autoComplete="off" autoCapitalize="off" data-testid="user-form-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}>
          <Input maxLength={50} data-testid="user-form-display-name" />
        </Form.Item>
        <Form.Item name="password" label={t('users.password')} extra={t('users.passwordHint')}>
          <Input.Password autoComplete="new-password" data-testid="user-form-password" />
        </Form.Item>
        <Form.List
          name="grants"
          rules={[{ validator: (_rule, grants: unknown[]) => (grants?.length ? Promise.resolve() : Promise.reject(new Error(t('users.grantsRequired')))) }]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field) => (
                <Card key={field.key} size="small" style={{ marginBottom: 8 }}>
                  <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                    <GrantFields prefix={[field.name]} />
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} style={{ marginTop: 30 }} />
                  </div>
                </Card>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})}>
                {t('users.addGrant')}
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
