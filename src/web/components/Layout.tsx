import { useEffect, useRef, useState, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';
import type { Locale } from '../../contracts/auth.ts';
import type { NavCounts } from '../../contracts/home.ts';
import { useAuth } from '../features/auth/auth-context.tsx';
import { api } from '../lib/api-client.ts';
import { useI18n } from '../lib/i18n.tsx';

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const { me } = useAuth();
  const choose = (next: Locale) => {
    setLocale(next);
    if (me)
      void api('/api/auth/me/locale', { method: 'PUT', body: { locale: next } }).catch(
        () => undefined,
      );
  };
  return (
    <div className="language" role="group" aria-label={t('language.label')}>
      {(['sv', 'en'] as const).map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={locale === option}
          onClick={() => choose(option)}
        >
          {t(`language.${option}`)}
        </button>
      ))}
    </div>
  );
}

/** What waits for the caller, read again on every page so the menu's counts stay true. */
function useNavCounts(signedIn: boolean, path: string): NavCounts | null {
  const [counts, setCounts] = useState<NavCounts | null>(null);
  useEffect(() => {
    if (!signedIn) return;
    let current = true;
    api<NavCounts>('/api/me/counts').then(
      (next) => current && setCounts(next),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [signedIn, path]);
  return counts;
}

/** A bell drawn in the text's colour (no emoji: not every system has the font). */
function BellIcon() {
  return (
    <svg className="bell-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
      />
    </svg>
  );
}

function Count({ value }: { value: number | undefined }) {
  return value ? <span className="nav-count">{value}</span> : null;
}

/** Page frame: skip link, banner with navigation, main landmark that receives focus on navigation. */
export function Layout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  const { me, logout } = useAuth();
  const mainRef = useRef<HTMLElement>(null);
  const location = useLocation();
  const firstRender = useRef(true);
  const [menuOpen, setMenuOpen] = useState(false);
  const counts = useNavCounts(me !== null, location.pathname);

  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
  useEffect(() => {
    // Move focus to the new page so screen reader and keyboard users start at its content.
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    setMenuOpen(false);
    mainRef.current?.focus();
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('skip.toMain')}
      </a>
      <header
        className={['banner', me && 'with-menu', menuOpen && 'menu-open'].filter(Boolean).join(' ')}
      >
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          {me && <span className="tenant-name">{me.tenant.name}</span>}
        </div>
        {/* On a phone the menu and tools fold behind one button; on wider screens it is hidden. */}
        {me && (
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="main-menu banner-tools"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {t('nav.menu')}
          </button>
        )}
        {me && (
          <nav id="main-menu" aria-label={t('nav.label')}>
            <ul>
              <li>
                <NavLink to="/" end>
                  {t('nav.home')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/utbildning">{t('nav.training')}</NavLink>
              </li>
              <li>
                <NavLink to="/tillfallen">
                  {t('nav.sessions')} <Count value={counts?.attendanceMissing} />
                </NavLink>
              </li>
              {me.can.listProgrammes && (
                <li>
                  <NavLink to="/program">{t('nav.programmes')}</NavLink>
                </li>
              )}
              {me.can.approveCompletions && (
                <li>
                  <NavLink to="/godkannanden">
                    {t('nav.approvals')} <Count value={counts?.approvals} />
                  </NavLink>
                </li>
              )}
              <li>
                <NavLink to="/organisation" end>
                  {t('nav.organisation')}
                </NavLink>
              </li>
              {me.can.seePeople && (
                <li>
                  <NavLink to="/organisation/personer">{t('nav.people')}</NavLink>
                </li>
              )}
              {me.can.administer && (
                <li>
                  <NavLink to="/administration/importer">{t('nav.imports')}</NavLink>
                </li>
              )}
              {me.can.administer && (
                <li>
                  <NavLink to="/administration/konton">{t('nav.accounts')}</NavLink>
                </li>
              )}
              {me.can.administer && (
                <li>
                  <NavLink to="/administration/utskick">{t('nav.outbox')}</NavLink>
                </li>
              )}
            </ul>
          </nav>
        )}
        <div id="banner-tools" className="banner-tools">
          <LanguageSwitch />
          {me && (
            <>
              <NavLink
                to="/notiser"
                className="bell"
                aria-label={
                  counts?.notifications
                    ? t('nav.notificationsUnread', { n: counts.notifications })
                    : t('nav.notifications')
                }
              >
                <BellIcon /> {t('nav.notifications')} <Count value={counts?.notifications} />
              </NavLink>
              <span className="signed-in">
                {t('nav.signedInAs', { name: me.user.displayName })}
              </span>
              <button type="button" onClick={() => void logout()}>
                {t('nav.logout')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <h1>{title}</h1>
        {children}
      </main>
    </>
  );
}
