import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { NotificationItem, NotificationList } from '../../../contracts/notifications.ts';
import { notificationLine } from '../../../domain/notification-templates.ts';
import { Layout } from '../../components/Layout.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { api } from '../../lib/api-client.ts';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What a notification says in the reader's language, its dates as the reader writes them; an
 * older one missing a value says its kind.
 */
function useLine() {
  const { locale, t } = useI18n();
  return (item: NotificationItem) => {
    const payload = Object.fromEntries(
      Object.entries(item.payload).map(([key, value]) => [
        key,
        CALENDAR_DATE.test(value) ? formatDate(locale, value) : value,
      ]),
    );
    try {
      return notificationLine(item.event, payload, locale);
    } catch {
      return t(`notifications.event.${item.event}`);
    }
  };
}

/**
 * The bell's list: the caller's newest notifications, unread ones marked; opening the page reads
 * what it shows (nothing that arrives later).
 */
export function NotificationsPage() {
  const { t, locale } = useI18n();
  const [shownAt] = useState(() => new Date().toISOString());
  const list = useApi<NotificationList>('/api/me/notifications');
  const line = useLine();
  const marked = useRef(false);
  const unread = list.state === 'ready' ? list.data.unread : 0;
  useEffect(() => {
    if (unread === 0 || marked.current) return;
    marked.current = true;
    void api('/api/me/notifications/read', { method: 'POST', body: { upTo: shownAt } }).catch(
      () => undefined,
    );
  }, [unread, shownAt]);

  return (
    <Layout title={t('notifications.title')}>
      <p>
        {t('notifications.intro')}{' '}
        <Link to="/installningar/notiser">{t('notifications.choicesLink')}</Link>
      </p>
      {list.state === 'loading' && <p role="status">{t('notifications.loading')}</p>}
      {list.state === 'error' && <LoadError error={list.error} />}
      {list.state === 'ready' &&
        (list.data.items.length === 0 ? (
          <p role="status">{t('notifications.none')}</p>
        ) : (
          <>
            <p role="status">{t('notifications.unread', { n: list.data.unread })}</p>
            <ul className="notification-list">
              {list.data.items.map((item) => (
                <li key={item.id} className={item.read ? undefined : 'unread'}>
                  {!item.read && <span className="badge">{t('notifications.new')}</span>}
                  <p>
                    <Link to={item.link}>{line(item)}</Link>
                  </p>
                  {item.event === 'completion_rejected' && item.payload.reason && (
                    <p>{t('notifications.reason', { reason: item.payload.reason })}</p>
                  )}
                  <p className="hint">
                    <time dateTime={item.createdAt}>{formatDateTime(locale, item.createdAt)}</time>
                  </p>
                </li>
              ))}
            </ul>
            {list.data.items.length === list.data.shownLimit && (
              <p className="notice">{t('notifications.more', { n: list.data.shownLimit })}</p>
            )}
          </>
        ))}
    </Layout>
  );
}
