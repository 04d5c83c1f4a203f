/** The 督查督办 submenu of the side menu: plans, my tasks, review, problems, import, and bulletins to come. */
import { Tooltip } from 'antd';
import type { MenuProps } from 'antd';
import { ScheduleOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { TFunction } from 'i18next';

type MenuItem = Required<MenuProps>['items'][number];

/** The pages under /plans, by the path segment after /plans/ ('' for the plan list and plan pages). */
const pages = [
  { key: 'list', path: '' },
  { key: 'my', path: 'my' },
  { key: 'review', path: 'review' },
  { key: 'problems', path: 'problems' },
  { key: 'import', path: 'import' },
] as const;

/** The menu key of the page at `pathname` (`plans-list`, `plans-my` …), or null outside /plans. */
export function plansMenuKey(pathname: string): string | null {
  const [, first, second = ''] = pathname.split('/');
  if (first !== 'plans') return null;
  return `plans-${pages.find((page) => page.path !== '' && page.path === second)?.key ?? 'list'}`;
}

/** The submenu. */
export function plansMenu(t: TFunction): MenuItem {
  return {
    key: 'plans',
    icon: <ScheduleOutlined />,
    label: <span data-testid="nav-plans">{t('nav.plans')}</span>,
    children: [
      ...pages.map((page) => ({
        key: `plans-${page.key}`,
        label: (
          <Link to={page.path ? `/plans/${page.path}` : '/plans'} data-testid={`nav-plans-${page.key}`}>
            {t(`planNav.${page.key}`)}
          </Link>
        ),
      })),
      {
        key: 'plans-bulletins',
        disabled: true,
        label: (
          <Tooltip title={t('nav.comingSoon')} placement="right">
            <span data-testid="nav-plans-bulletins">{t('planNav.bulletins')}</span>
          </Tooltip>
        ),
      },
    ],
  };
}
