/** The 监测预警 submenu of the side menu: dashboard, data entry, import, alerts and rules, as the session's abilities allow. */
import type { MenuProps } from 'antd';
import { AlertOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { TFunction } from 'i18next';
import type { SessionUser } from '../types.ts';

type MenuItem = Required<MenuProps>['items'][number];

type Abilities = SessionUser['abilities'];

/** The pages under /monitor by the path segment after /monitor/ ('' for the dashboard) and the ability that shows each. */
const pages: readonly { key: string; path: string; ability: keyof Abilities }[] = [
  { key: 'dashboard', path: '', ability: 'viewMonitor' },
  { key: 'entry', path: 'entry', ability: 'enterMonitorValues' },
  { key: 'import', path: 'import', ability: 'enterMonitorValues' },
  { key: 'alerts', path: 'alerts', ability: 'viewMonitor' },
  { key: 'rules', path: 'rules', ability: 'viewMonitor' },
];

/** The menu key of the page at `pathname` (`monitor-dashboard`, `monitor-entry` …), or null outside /monitor. */
export function monitorMenuKey(pathname: string): string | null {
  const [, first, second = ''] = pathname.split('/');
  if (first !== 'monitor') return null;
  return `monitor-${pages.find((page) => page.path === second)?.key ?? 'dashboard'}`;
}

/** The submenu with the pages the server's abilities offer this user, or null when it offers none. */
export function monitorMenu(t: TFunction, abilities: Abilities | undefined): MenuItem | null {
  const offered = pages.filter((page) => abilities?.[page.ability]);
  if (offered.length === 0) return null;
  return {
    key: 'monitor',
    icon: <AlertOutlined />,
    label: <span data-testid="nav-monitor">{t('nav.monitor')}</span>,
    children: offered.map((page) => ({
      key: `monitor-${page.key}`,
      label: (
        <Link to={page.path ? `/monitor/${page.path}` : '/monitor'} data-testid={`nav-monitor-${page.key}`}>
          {t(`monitorNav.${page.key}`)}
        </Link>
      ),
    })),
  };
}
