/** Shows a generated password exactly once, with a copy button, and says it will not be shown again. */
import { Alert, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  /** What the password is for, e.g. "initial password of zhangsan". */
  title: string;
  /** Null while closed. */
  secret: string | null;
  onClose: () => void;
}

/** The one-time password modal. */
export function SecretNotice({ title, secret, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      open={secret !== null}
      title={title}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      okText={t('users.secretDone')}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('users.secretOnce')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph copyable={{ text: secret ?? '' }} style={{ fontSize: 18 }}>
        <Typography.Text code data-testid="secret-value">
          {secret}
        </Typography.Text>
      </Typography.Paragraph>
    </Modal>
  );
}
