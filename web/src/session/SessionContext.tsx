/** Holds who is signed in, the CSRF token and the interface language, and the actions that change them. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { api, onUnauthenticated, setCsrfToken } from '../api.ts';
import i18n, { currentLocale, rememberLocale } from '../i18n/index.ts';
import type { Locale, SessionUser, SessionView } from '../types.ts';

/** What every page can read about the session and do to it. */
export interface Session {
  /** Null until the first `GET /api/session` answers. */
  loaded: boolean;
  user: SessionUser | null;
  /** Fails with the error the server gave (wrong password, locked out, rate limited). */
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  /** Switches the interface language, remembering it for the user when signed in and on this browser before. */
  setLocale(locale: Locale): Promise<void>;
  /** Reloads the session from the server. */
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** The current session; only valid inside `SessionProvider`. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside SessionProvider');
  return session;
}

/** Loads the session on start and provides it to the app. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [loaded, setLoaded] = useState(false);
  const [user, setUser] = useState<SessionUser | null>(null);

  const accept = useCallback(async (view: SessionView) => {
    setCsrfToken(view.csrfToken);
    if (view.user && view.user.locale !== currentLocale()) await i18n.changeLanguage(view.user.locale);
    setUser(view.user);
    setLoaded(true);
  }, []);

  const refresh = useCallback(async () => {
    await accept(await api.get<SessionView>('/api/session'));
  }, [accept]);

  useEffect(() => {
    refresh().catch(() => setLoaded(true));
    return onUnauthenticated(() => {
      setUser(null);
      void refresh().catch(() => undefined);
    });
  }, [refresh]);

  const session = useMemo<Session>(
    () => ({
      loaded,
      user,
      async signIn(username, password) {
        await accept(await api.post<SessionView>('/api/session/login', { username, password }));
      },
      async signOut() {
        try {
          await api.post<void>('/api/session/logout');
        } finally {
          setUser(null);
          await refresh();
        }
      },
      async changePassword(currentPassword, newPassword) {
        await api.post<void>('/api/session/password', { currentPassword, newPassword });
        await refresh();
      },
      async setLocale(locale) {
        rememberLocale(locale);
        await i18n.changeLanguage(locale);
        if (user) {
          await api.patch<void>('/api/session/preferences', { locale });
          setUser({ ...user, locale });
        }
      },
      refresh,
    }),
    [loaded, user, accept, refresh],
  );

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
