/** The route map and the providers that follow the interface language (antd locale, message and modal context). */
import { lazy, Suspense } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import { Navigate, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { antdLocale } from './i18n/antdLocales.ts';
import { AppShell } from './components/AppShell.tsx';
import { RequireSession } from './components/RequireSession.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { PublicLanding } from './pages/public/PublicLanding.tsx';
import { PolicyMatchPage } from './pages/public/PolicyMatchPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';

const RegionsUnitsPage = lazy(() => import('./pages/org/RegionsUnitsPage.tsx'));
const UsersPage = lazy(() => import('./pages/users/UsersPage.tsx'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage.tsx'));
const PlansPage = lazy(() => import('./pages/plans/PlansPage.tsx'));
const PlanPage = lazy(() => import('./pages/plans/PlanPage.tsx'));
const MyTasksPage = lazy(() => import('./pages/reports/MyTasksPage.tsx'));
const ReviewPage = lazy(() => import('./pages/reports/ReviewPage.tsx'));
const ProblemsPage = lazy(() => import('./pages/problems/ProblemsPage.tsx'));
const ImportPage = lazy(() => import('./pages/import/ImportPage.tsx'));
const BulletinsPage = lazy(() => import('./pages/bulletins/BulletinsPage.tsx'));
const BulletinPage = lazy(() => import('./pages/bulletins/BulletinPage.tsx'));
const MonitorDashboardPage = lazy(() => import('./pages/monitor/DashboardPage.tsx'));
const MonitorEntryPage = lazy(() => import('./pages/monitor/EntryPage.tsx'));
const MonitorImportPage = lazy(() => import('./pages/monitor/MonitorImportPage.tsx'));
const MonitorAlertsPage = lazy(() => import('./pages/monitor/AlertsPage.tsx'));
const MonitorRulesPage = lazy(() => import('./pages/monitor/RulesPage.tsx'));

/** Everything below the router. */
export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={antdLocale(i18n.language === 'en' ? 'en' : 'zh-CN')}>
      <AntApp>
        <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
          <Routes>
            <Route path="/public" element={<PublicLanding />} />
            <Route path="/public/policies" element={<PolicyMatchPage />} />
            <Route path="/login" element={<LoginPage />} />
            <Route element={<RequireSession />}>
              <Route element={<AppShell />}>
                <Route index element={<HomePage />} />
                <Route path="org" element={<RegionsUnitsPage />} />
                <Route path="users" element={<UsersPage />} />
                <Route path="audit" element={<AuditPage />} />
                <Route path="plans" element={<PlansPage />} />
                <Route path="plans/my" element={<MyTasksPage />} />
                <Route path="plans/review" element={<ReviewPage />} />
                <Route path="plans/problems" element={<ProblemsPage />} />
                <Route path="plans/import" element={<ImportPage />} />
                <Route path="plans/bulletins" element={<BulletinsPage />} />
                <Route path="plans/bulletins/:id" element={<BulletinPage />} />
                <Route path="plans/:id" element={<PlanPage />} />
                <Route path="monitor" element={<MonitorDashboardPage />} />
                <Route path="monitor/entry" element={<MonitorEntryPage />} />
                <Route path="monitor/import" element={<MonitorImportPage />} />
                <Route path="monitor/alerts" element={<MonitorAlertsPage />} />
                <Route path="monitor/rules" element={<MonitorRulesPage />} />
                <Route path="home" element={<Navigate to="/" replace />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Route>
          </Routes>
        </Suspense>
      </AntApp>
    </ConfigProvider>
  );
}
