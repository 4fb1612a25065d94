import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { LoginRequest, Me } from '../../../contracts/auth.ts';
import { api, setUnauthenticatedHandler } from '../../lib/api-client.ts';
import { useI18n } from '../../lib/i18n.tsx';

type SignOutReason = 'expired' | 'signed_out' | null;

interface Auth {
  me: Me | null;
  loading: boolean;
  signOutReason: SignOutReason;
  login: (request: LoginRequest) => Promise<void>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const { locale, setLocale } = useI18n();
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [signOutReason, setSignOutReason] = useState<SignOutReason>(null);

  useEffect(() => {
    setUnauthenticatedHandler((code) => {
      setMe(null);
      // Requests in flight together: one is told the session expired (and ends it), the rest
      // that there is none. Whichever answers last, the reason stays "expired".
      setSignOutReason((current) =>
        code === 'session_expired' || current === 'expired' ? 'expired' : null,
      );
    });
    void api<Me>('/api/auth/me')
      .then(
        (current) => {
          setMe(current);
          setLocale(current.user.locale);
        },
        () => setMe(null),
      )
      .finally(() => setLoading(false));
  }, [setLocale]);

  const value = useMemo<Auth>(
    () => ({
      me,
      loading,
      signOutReason,
      login: async (request) => {
        await api('/api/auth/login', { method: 'POST', body: request });
        setSignOutReason(null);
        // The language chosen on the login page is the person's latest choice: keep it.
        const current = await api<Me>('/api/auth/me');
        if (current.user.locale !== locale) {
          await api('/api/auth/me/locale', { method: 'PUT', body: { locale } }).catch(
            () => undefined,
          );
        }
        setMe({ ...current, user: { ...current.user, locale } });
      },
      logout: async () => {
        await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
        setMe(null);
        setSignOutReason('signed_out');
      },
    }),
    [me, loading, signOutReason, locale],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth outside AuthProvider');
  return context;
}
