import { Link, useParams } from 'react-router';
import type { MailMessage, MailOutbox } from '../../../contracts/notifications.ts';
import { Layout } from '../../components/Layout.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';

type KnownQueue = 'deliver-notifications' | 'daily-sync' | 'daily-reminders' | 'weekly-digests';
const KNOWN_QUEUES: ReadonlySet<string> = new Set<KnownQueue>([
  'deliver-notifications',
  'daily-sync',
  'daily-reminders',
  'weekly-digests',
]);

/**
 * The administrator's outbox: how mail leaves (SMTP or kept here), the municipality's mails with
 * their state and the mail server's last answer, and the jobs that failed.
 */
export function OutboxPage() {
  const { t, locale } = useI18n();
  const outbox = useApi<MailOutbox>('/api/admin/mail');
  return (
    <Layout title={t('outbox.title')}>
      {outbox.state === 'loading' && <p role="status">{t('notifications.loading')}</p>}
      {outbox.state === 'error' && <LoadError error={outbox.error} />}
      {outbox.state === 'ready' && (
        <>
          {outbox.data.smtp.problem ? (
            <p className="notice warning" role="alert">
              {t(`outbox.smtp.${outbox.data.smtp.problem}`)}
            </p>
          ) : (
            <p className="notice">
              {t(outbox.data.smtp.configured ? 'outbox.smtp.on' : 'outbox.smtp.off')}
            </p>
          )}
          <p>
            {t('outbox.counts', {
              outbox: outbox.data.counts.outbox,
              queued: outbox.data.counts.queued,
              sent: outbox.data.counts.sent,
            })}
          </p>
          {outbox.data.failedJobs.length > 0 && (
            <section aria-labelledby="outbox-failed">
              <h2 id="outbox-failed">{t('outbox.failedJobs')}</h2>
              <ul>
                {outbox.data.failedJobs.map((job) => (
                  <li key={`${job.queue}-${job.failedAt}`}>
                    {t('outbox.failedJob', {
                      queue: KNOWN_QUEUES.has(job.queue)
                        ? t(`outbox.queue.${job.queue as KnownQueue}`)
                        : job.queue,
                      at: formatDateTime(locale, job.failedAt),
                      attempts: job.attempts + 1,
                    })}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section aria-labelledby="outbox-mails">
            <h2 id="outbox-mails">{t('outbox.mails')}</h2>
            {outbox.data.mails.length === 0 ? (
              <p role="status">{t('outbox.none')}</p>
            ) : (
              <TableWrap label={t('outbox.mails')}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('outbox.col.created')}</th>
                      <th scope="col">{t('outbox.col.to')}</th>
                      <th scope="col">{t('outbox.col.subject')}</th>
                      <th scope="col">{t('outbox.col.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {outbox.data.mails.map((mail) => (
                      <tr key={mail.id}>
                        <td>{formatDateTime(locale, mail.createdAt)}</td>
                        <td>
                          {mail.recipient.name}
                          <br />
                          <span className="hint">{mail.recipient.address}</span>
                        </td>
                        <td>
                          <Link to={`/administration/utskick/${mail.id}`}>{mail.subject}</Link>
                        </td>
                        <td>
                          <MailState mail={mail} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            )}
          </section>
        </>
      )}
    </Layout>
  );
}

function MailState({ mail }: { mail: MailOutbox['mails'][number] }) {
  const { t, locale } = useI18n();
  return (
    <>
      {t(`outbox.status.${mail.status}`)}
      {mail.status === 'sent' && mail.sentAt && <> {formatDateTime(locale, mail.sentAt)}</>}
      {mail.lastError && (
        <p className="hint">
          {t('outbox.retry', {
            attempts: mail.attempts,
            next: mail.nextAttemptAt ? formatDateTime(locale, mail.nextAttemptAt) : '',
          })}
          <br />
          <code>{mail.lastError}</code>
        </p>
      )}
    </>
  );
}

/** One mail as it was written: its plain text (what every mail program shows the same). */
export function MailPage() {
  const { t, locale } = useI18n();
  const { id = '' } = useParams();
  const mail = useApi<MailMessage>(`/api/admin/mail/${encodeURIComponent(id)}`);
  return (
    <Layout title={mail.state === 'ready' ? mail.data.subject : t('outbox.mail')}>
      <p>
        <Link to="/administration/utskick">{t('outbox.back')}</Link>
      </p>
      {mail.state === 'loading' && <p role="status">{t('notifications.loading')}</p>}
      {mail.state === 'error' && <LoadError error={mail.error} />}
      {mail.state === 'ready' && (
        <>
          <dl className="facts">
            <dt>{t('outbox.col.to')}</dt>
            <dd>
              {mail.data.recipient.name} &lt;{mail.data.recipient.address}&gt;
            </dd>
            <dt>{t('outbox.col.created')}</dt>
            <dd>{formatDateTime(locale, mail.data.createdAt)}</dd>
            <dt>{t('outbox.col.status')}</dt>
            <dd>
              <MailState mail={mail.data} />
            </dd>
          </dl>
          <pre className="mail-text">{mail.data.text}</pre>
        </>
      )}
    </Layout>
  );
}
