/** The 督查督办 submenu of the side menu: plans, my tasks, review, problems, import and bulletins. */
import type { MenuProps } from 'antd';
import { ScheduleOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { TFunction } from 'i18next';
import type { SessionUser } from '../types.ts';

type MenuItem = Required<MenuProps>['items'][number];

type Abilities = SessionUser['abilities'];

/**
 * The pages under /plans, by the path segment after /plans/ ('' for the plan list and plan pages), and the
 * session ability that shows each (none: every signed-in user).
 */
const pages: readonly { key: string; path: string; ability?: keyof Abilities }[] = [
  { key: 'list', path: '' },
  { key: 'my', path: 'my', ability: 'reportOnTasks' },
  { key: 'review', path: 'review', ability: 'managePlans' },
  { key: 'problems', path: 'problems' },
  { key: 'import', path: 'import', ability: 'managePlans' },
  { key: 'bulletins', path: 'bulletins' },
];

/** The menu key of the page at `pathname` (`plans-list`, `plans-my` …), or null outside /plans. */
export function plansMenuKey(pathname: string): string | null {
  const [, first, second = ''] = pathname.split('/');
  if (first !== 'plans') return null;
  return `plans-${pages.find((page) => page.path !== '' && page.path === second)?.key ?? 'list'}`;
}

/** The submenu, with the pages the server's abilities offer this user. */
export function plansMenu(t: TFunction, abilities: Abilities | undefined): MenuItem {
  return {
    key: 'plans',
    icon: <ScheduleOutlined />,
    label: <span data-testid="nav-plans">{t('nav.plans')}</span>,
    children: pages.filter((page) => !page.ability || abilities?.[page.ability]).map((page) => ({
      key: `plans-${page.key}`,
      label: (
        <Link to={page.path ? `/plans/${page.path}` : '/plans'} data-testid={`nav-plans-${page.key}`}>
          {t(`planNav.${page.key}`)}
        </Link>
      ),
    })),
  };
}
