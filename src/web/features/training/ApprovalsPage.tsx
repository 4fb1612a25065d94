import { useId, useState } from 'react';
import type { PendingApprovals } from '../../../contracts/programmes.ts';
import { Layout } from '../../components/Layout.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { api } from '../../lib/api-client.ts';
import { formatDate } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';

type Approval = PendingApprovals['approvals'][number];

/** Self-reported completions the signed-in approver may accept or reject, oldest first. */
export function ApprovalsPage() {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const queue = useApi<PendingApprovals>('/api/approvals', version);
  return (
    <Layout title={t('approvals.title')}>
      <p role="status">{done}</p>
      {queue.state === 'loading' && <p role="status">{t('common.loading')}</p>}
      {queue.state === 'error' && <LoadError error={queue.error} />}
      {queue.state === 'ready' &&
        (queue.data.approvals.length === 0 ? (
          <p>{t('approvals.none')}</p>
        ) : (
          <ul className="approvals">
            {queue.data.approvals.map((approval) => (
              <ApprovalItem
                key={approval.id}
                approval={approval}
                onDecided={(message) => {
                  setDone(message);
                  setVersion((v) => v + 1);
                }}
              />
            ))}
          </ul>
        ))}
    </Layout>
  );
}

function ApprovalItem({
  approval,
  onDecided,
}: {
  approval: Approval;
  onDecided: (message: string) => void;
}) {
  const { t, locale, errorText } = useI18n();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function decide(decision: 'accept' | 'reject') {
    if (decision === 'reject' && note.trim().length < 3) {
      setError(t('approvals.reasonNeeded'));
      document.getElementById(`${id}-note`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api(`/api/completions/${approval.id}/decision`, {
        method: 'POST',
        body: { decision, ...(note ? { note } : {}) },
      });
      onDecided(
        t('approvals.done', {
          name: approval.person.name,
          decision: t(
            decision === 'accept' ? 'completion.status.accepted' : 'completion.status.rejected',
          ),
        }),
      );
    } catch (caught) {
      setError(errorText(caught));
      setBusy(false);
    }
  }

  return (
    <li className="card approval" aria-labelledby={`${id}-name`}>
      <h2 id={`${id}-name`}>{approval.person.name}</h2>
      <p className="meta-line">{approval.person.units.join(', ')}</p>
      <dl className="facts">
        <div>
          <dt>{t('table.course')}</dt>
          <dd>
            {approval.course.name} ({approval.programme.name})
          </dd>
        </div>
        <div>
          <dt>{t('table.date')}</dt>
          <dd>{formatDate(locale, approval.completedOn)}</dd>
        </div>
        {approval.evidenceId && (
          <div>
            <dt>{t('completion.certificate')}</dt>
            <dd>
              <a href={`/api/evidence/${approval.evidenceId}`}>{t('completion.certificate')}</a>
            </dd>
          </div>
        )}
      </dl>
      {approval.note && <p>{approval.note}</p>}
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('approvals.note', { name: approval.person.name })}</label>
        <input
          id={`${id}-note`}
          value={note}
          maxLength={1000}
          aria-describedby={`${id}-note-hint`}
          onChange={(event) => setNote(event.target.value)}
        />
        <p className="hint" id={`${id}-note-hint`}>
          {t('approvals.noteHint')}
        </p>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void decide('accept')}
        >
          {t('approvals.accept')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => void decide('reject')}
        >
          {t('approvals.reject')}
        </button>
      </div>
    </li>
  );
}
