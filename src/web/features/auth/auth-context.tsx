import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
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
  const { setLocale } = useI18n();
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [signOutReason, setSignOutReason] = useState<SignOutReason>(null);

  const loadMe = useCallback(async () => {
    const current = await api<Me>('/api/auth/me').catch(() => null);
    setMe(current);
    if (current) setLocale(current.user.locale);
    return current;
  }, [setLocale]);

  useEffect(() => {
    setUnauthenticatedHandler((code) => {
      setMe(null);
      setSignOutReason(code === 'session_expired' ? 'expired' : null);
    });
    void loadMe().finally(() => setLoading(false));
  }, [loadMe]);

  const value = useMemo<Auth>(
    () => ({
      me,
      loading,
      signOutReason,
      login: async (request) => {
        await api('/api/auth/login', { method: 'POST', body: request });
        setSignOutReason(null);
        await loadMe();
      },
      logout: async () => {
        await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
        setMe(null);
        setSignOutReason('signed_out');
      },
    }),
    [me, loading, signOutReason, loadMe],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth outside AuthProvider');
  return context;
}
