import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type {
  ReminderPreview,
  ReminderRuleBody,
  ReminderRuleView,
} from '../../../contracts/notifications.ts';
import { Layout } from '../../components/Layout.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { api } from '../../lib/api-client.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';

const DUE_SOON = [null, 7, 14, 30, 60, 90] as const;
const OVERDUE = [null, 7, 14, 30] as const;

/**
 * A programme's reminder rule for its owners: when people are told their training is soon due,
 * how often they are reminded once late, and — before anything is saved — how many people the
 * next morning's run would tell what.
 */
export function RemindersPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const loaded = useApi<ReminderRuleView>(`/api/programmes/${encodeURIComponent(id)}/reminders`);
  return (
    <Layout title={t('reminders.title')}>
      <p>
        <Link to={`/program/${id}`}>{t('reminders.back')}</Link>
      </p>
      <p>{t('reminders.intro')}</p>
      {loaded.state === 'loading' && <p role="status">{t('common.loading')}</p>}
      {loaded.state === 'error' && <LoadError error={loaded.error} />}
      {loaded.state === 'ready' && <RuleForm programmeId={id} initial={loaded.data} />}
    </Layout>
  );
}

function RuleForm({ programmeId, initial }: { programmeId: string; initial: ReminderRuleView }) {
  const { t, errorText } = useI18n();
  const [rule, setRule] = useState<ReminderRuleBody>(initial.rule);
  const [preview, setPreview] = useState<ReminderPreview>(initial.preview);
  const [status, setStatus] = useState<{ saved: boolean; error: string | null }>({
    saved: false,
    error: null,
  });

  // The dry run follows the form: nothing is saved or sent by it.
  useEffect(() => {
    let current = true;
    api<ReminderPreview>(`/api/programmes/${programmeId}/reminders/preview`, {
      method: 'POST',
      body: rule,
    }).then(
      (next) => current && setPreview(next),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [programmeId, rule]);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    try {
      await api(`/api/programmes/${programmeId}/reminders`, { method: 'PUT', body: rule });
      setStatus({ saved: true, error: null });
    } catch (caught) {
      setStatus({ saved: false, error: errorText(caught) });
    }
  }

  const choose = (value: string) => (value === '' ? null : Number(value));
  return (
    <form className="choices-form" onSubmit={(event) => void save(event)}>
      <div className="field">
        <label htmlFor="reminder-due-soon">{t('reminders.dueSoon')}</label>
        <select
          id="reminder-due-soon"
          value={rule.dueSoonDays ?? ''}
          onChange={(event) => {
            setRule({ ...rule, dueSoonDays: choose(event.target.value) });
            setStatus({ saved: false, error: null });
          }}
        >
          {DUE_SOON.map((days) => (
            <option key={days ?? 'off'} value={days ?? ''}>
              {days === null ? t('reminders.off') : t('reminders.daysBefore', { n: days })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="reminder-overdue">{t('reminders.overdue')}</label>
        <select
          id="reminder-overdue"
          value={rule.overdueEveryDays ?? ''}
          onChange={(event) => {
            setRule({ ...rule, overdueEveryDays: choose(event.target.value) });
            setStatus({ saved: false, error: null });
          }}
        >
          {OVERDUE.map((days) => (
            <option key={days ?? 'off'} value={days ?? ''}>
              {days === null ? t('reminders.off') : t('reminders.every', { n: days })}
            </option>
          ))}
        </select>
      </div>
      <section aria-labelledby="reminder-dry-run" className="notice">
        <h2 id="reminder-dry-run">{t('reminders.dryRun')}</h2>
        <p role="status">
          {t('reminders.dryRunText', {
            dueSoon: preview.dueSoon.people,
            dueSoonAccounts: preview.dueSoon.withAccount,
            overdue: preview.overdue.people,
            overdueAccounts: preview.overdue.withAccount,
          })}
        </p>
        <p className="hint">{t('reminders.dryRunHint')}</p>
      </section>
      {status.error && (
        <p className="error" role="alert">
          {status.error}
        </p>
      )}
      <p role="status">{status.saved ? t('reminders.saved') : ''}</p>
      <button type="submit" className="primary">
        {t('reminders.save')}
      </button>
    </form>
  );
}
