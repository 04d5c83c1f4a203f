/** Lets signed-in users through; sends others to sign in, and users who must change their password to that form first. */
import { Spin } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../session/SessionContext.tsx';
import { ForcePasswordChangePage } from '../pages/ForcePasswordChangePage.tsx';

/** A layout route guarding everything staff-only. */
export function RequireSession() {
  const { loaded, user } = useSession();
  const location = useLocation();
  if (!loaded) return <Spin size="large" style={{ display: 'block', margin: '96px auto' }} />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (user.mustChangePassword) return <ForcePasswordChangePage />;
  return <Outlet />;
}
