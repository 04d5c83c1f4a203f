/**
 * antd's own texts (pagination, empty states, pickers) in each interface language. antd ships its locale files
 * as CommonJS without an exports map, so TypeScript (NodeNext) sees `{ default }` while the bundler hands over
 * the default itself; `unwrap` accepts either.
 */
import type { ConfigProviderProps } from 'antd';
import zhCNModule from 'antd/locale/zh_CN.js';
import enUSModule from 'antd/locale/en_US.js';
import type { Locale } from '../types.ts';

type AntdLocale = NonNullable<ConfigProviderProps['locale']>;

function unwrap(module: unknown): AntdLocale {
  const value = module as { default?: AntdLocale } & AntdLocale;
  return value.default ?? value;
}

const locales: Record<Locale, AntdLocale> = { 'zh-CN': unwrap(zhCNModule), en: unwrap(enUSModule) };

/** The antd locale for an interface language. */
export function antdLocale(locale: Locale): AntdLocale {
  return locales[locale];
}
