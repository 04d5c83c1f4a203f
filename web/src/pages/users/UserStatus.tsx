/** An account's state as tags: disabled, locked after failed sign-ins, must change password, or active. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../types.ts';

/** The status cell of the users table. */
export function UserStatus({ user }: { user: User }) {
  const { t } = useTranslation();
  const tags = [
    user.disabled && <Tag key="disabled" color="default">{t('users.disabled')}</Tag>,
    user.locked && <Tag key="locked" color="red">{t('users.locked')}</Tag>,
    user.mustChangePassword && <Tag key="must" color="orange">{t('users.mustChangePassword')}</Tag>,
  ].filter(Boolean);
  return tags.length > 0 ? <>{tags}</> : <Tag color="green">{t('users.active')}</Tag>;
}
