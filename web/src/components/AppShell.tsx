/** The staff layout: side menu with the product's modules, header with user, language, password and sign-out. */
import { useState } from 'react';
import { Layout, Menu, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  DatabaseOutlined,
  FileSearchOutlined,
  GiftOutlined,
  HomeOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Link, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/SessionContext.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { UserMenu } from './UserMenu.tsx';
import { monitorMenu, monitorMenuKey } from './monitorMenu.tsx';
import { plansMenu, plansMenuKey } from './plansMenu.tsx';

type MenuItem = Required<MenuProps>['items'][number];

/** The product modules still to be built, shown disabled so the navigation is ready for them. */
const upcomingModules = [
  { key: 'policies', icon: <BookOutlined /> },
  { key: 'registries', icon: <DatabaseOutlined /> },
  { key: 'jobs', icon: <SolutionOutlined /> },
  { key: 'vouchers', icon: <GiftOutlined /> },
  { key: 'products', icon: <ShopOutlined /> },
] as const;

/** The frame around every staff page. */
export function AppShell() {
  const { t } = useTranslation();
  const { user } = useSession();
  const location = useLocation();
  // Below antd's `lg` breakpoint the menu starts closed and opens over the page instead of squeezing it.
  const [narrow, setNarrow] = useState(() => window.innerWidth < 992);
  const [collapsed, setCollapsed] = useState(narrow);
  const abilities = user?.abilities;
  const section = plansMenuKey(location.pathname) ?? monitorMenuKey(location.pathname) ?? (location.pathname.split('/')[1] || 'home');
  const monitorItem = monitorMenu(t, abilities);

  function link(key: string, to: string) {
    return (
      <Link to={to} data-testid={`nav-${key}`}>
        {t(`nav.${key}`)}
      </Link>
    );
  }

  const items: MenuItem[] = [
    { key: 'home', icon: <HomeOutlined />, label: link('home', '/') },
    { key: 'org', icon: <ApartmentOutlined />, label: link('org', '/org') },
    ...(abilities?.manageUsers ? [{ key: 'users', icon: <TeamOutlined />, label: link('users', '/users') }] : []),
    ...(abilities?.readAudit ? [{ key: 'audit', icon: <FileSearchOutlined />, label: link('audit', '/audit') }] : []),
    plansMenu(t, abilities),
    ...(monitorItem ? [monitorItem] : []),
    {
      type: 'group',
      key: 'upcoming',
      label: t('nav.upcomingGroup'),
      children: upcomingModules.map(({ key, icon }) => ({
        key,
        icon,
        disabled: true,
        label: (
          <Tooltip title={t('nav.comingSoon')} placement="right">
            <span data-testid={`nav-${key}`}>{t(`nav.${key}`)}</span>
          </Tooltip>
        ),
      })),
    },
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={0}
        collapsed={collapsed}
        onCollapse={setCollapsed}
        onBreakpoint={setNarrow}
        theme="light"
        width={208}
        style={{
          borderRight: '1px solid #f0f0f0',
          ...(narrow ? { position: 'fixed', top: 0, left: 0, height: '100vh', zIndex: 20, overflow: 'visible' } : {}),
        }}
      >
        <div style={{ height: 56, display: 'flex', alignItems: 'center', paddingLeft: 24 }}>
          <AuditOutlined style={{ fontSize: 20, marginRight: 8, color: '#1677ff' }} />
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t('app.name')}
          </Typography.Text>
        </div>
        <Menu
          mode="inline"
          selectedKeys={[section]}
          defaultOpenKeys={!collapsed && /^(plans|monitor)-/.test(section) ? [section.split('-')[0]!] : []}
          items={items}
          data-testid="nav-menu"
          onClick={() => narrow && setCollapsed(true)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 16px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'flex-end',
            gap: 16,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <LanguageSwitch />
          <UserMenu />
        </Layout.Header>
        <Layout.Content style={{ padding: 16, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
