/** The 中文 / EN switch shown in every header. */
import { App, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api.ts';
import { useSession } from '../session/SessionContext.tsx';
import type { Locale } from '../types.ts';

/** Switches the interface language; the session remembers it (per user when signed in). */
export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  const { setLocale } = useSession();
  const { message } = App.useApp();
  const value: Locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <Segmented<Locale>
      data-testid="language-switch"
      aria-label={t('header.language')}
      size="small"
      value={value}
      options={[
        { value: 'zh-CN', label: <span data-testid="language-zh">中文</span> },
        { value: 'en', label: <span data-testid="language-en">EN</span> },
      ]}
      onChange={(locale) => {
        setLocale(locale).catch((error: unknown) => message.error(errorMessage(error)));
      }}
    />
  );
}
