import { useState } from 'react';
import type { ChangeLabel, ImportPreview } from '../../../contracts/imports.ts';
import { problemText } from '../../../contracts/error-messages.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { Counts, LABELS } from './Counts.tsx';
import { describeChange } from './describe-change.ts';
import { TableWrap } from '../../components/TableWrap.tsx';

/** Shown rows of the change table: enough to check, few enough to stay fast for 56,000 rows. */
const SHOWN = 500;

export function PreviewView({
  preview,
  busy,
  onApply,
  onRestart,
}: {
  preview: ImportPreview;
  busy: boolean;
  onApply: (options: { confirmLeavers: boolean; createAccounts: boolean }) => void;
  onRestart: () => void;
}) {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState<ChangeLabel | 'all'>('all');
  const [confirmed, setConfirmed] = useState(false);
  const [createAccounts, setCreateAccounts] = useState(false);
  const present = LABELS.filter((label) => preview.changes.some((c) => c.label === label));
  const shown = preview.changes.filter((c) => filter === 'all' || c.label === filter);
  const guard = preview.leaverGuard;
  const canApply = preview.errorTotal === 0 && (!guard?.blocked || confirmed);
  const hasChanges = preview.changes.some((c) => c.label !== 'kept_open');

  return (
    <>
      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">
          {t('import.summary')}: {preview.fileName}
        </h2>
        <Counts counts={preview.counts} errors={preview.errorTotal} />
      </section>

      {preview.errorTotal > 0 && (
        <section aria-labelledby="errors-heading">
          <h2 id="errors-heading">{t('import.errors')}</h2>
          <p>{t('import.errorsIntro')}</p>
          <TableWrap label={t('import.errors')}>
            <table>
              <caption className="visually-hidden">{t('import.errors')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('table.row')}</th>
                  <th scope="col">{t('table.column')}</th>
                  <th scope="col">{t('table.message')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.errors.map((error, index) => (
                  <tr key={index}>
                    <td>{error.row ?? '–'}</td>
                    <td>{error.column ?? '–'}</td>
                    <td>{problemText(error, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {preview.errorTotal > preview.errors.length && (
            <p>{t('import.moreErrors', { count: preview.errorTotal - preview.errors.length })}</p>
          )}
        </section>
      )}

      {preview.errorTotal === 0 && (
        <section aria-labelledby="changes-heading">
          <h2 id="changes-heading">{t('import.changes')}</h2>
          {!hasChanges && <p role="status">{t('import.noChanges')}</p>}
          {present.length > 0 && (
            <>
              <div className="field">
                <label htmlFor="change-filter">{t('import.filter')}</label>
                <select
                  id="change-filter"
                  value={filter}
                  onChange={(event) => setFilter(event.target.value as ChangeLabel | 'all')}
                >
                  <option value="all">{t('import.filter.all')}</option>
                  {present.map((label) => (
                    <option key={label} value={label}>
                      {t(`import.label.${label}`)} (
                      {preview.changes.filter((c) => c.label === label).length})
                    </option>
                  ))}
                </select>
              </div>
              <TableWrap label={t('import.changes')}>
                <table>
                  <caption className="visually-hidden">{t('import.changes')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('table.change')}</th>
                      <th scope="col">{t('table.row')}</th>
                      <th scope="col">{t('table.key')}</th>
                      <th scope="col">{t('table.name')}</th>
                      <th scope="col">{t('table.details')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.slice(0, SHOWN).map((change) => (
                      <tr key={`${change.label}-${change.key}`}>
                        <td>{t(`import.label.${change.label}`)}</td>
                        <td>{change.row ?? '–'}</td>
                        <td>{change.key}</td>
                        <td>{change.name}</td>
                        <td>{describeChange(t, preview.kind, change)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            </>
          )}
        </section>
      )}

      {guard?.blocked && preview.errorTotal === 0 && (
        <div className="notice warning" role="alert">
          <p>{t('import.guard', { leaving: guard.leaving, active: guard.active })}</p>
          <label className="choice">
            <input
              type="checkbox"
              checked={confirmed}
              onChange={(event) => setConfirmed(event.target.checked)}
            />
            {t('import.confirmLeavers')}
          </label>
        </div>
      )}

      {preview.kind !== 'units' && preview.errorTotal === 0 && hasChanges && (
        <label className="choice">
          <input
            type="checkbox"
            checked={createAccounts}
            onChange={(event) => setCreateAccounts(event.target.checked)}
          />
          {t('import.createAccounts')}
        </label>
      )}
      <p className="actions">
        {preview.errorTotal === 0 && hasChanges && (
          <button
            type="button"
            className="primary"
            disabled={!canApply || busy}
            onClick={() => onApply({ confirmLeavers: confirmed, createAccounts })}
          >
            {busy ? t('import.applying') : t('import.apply')}
          </button>
        )}
        <button type="button" className="secondary" onClick={onRestart}>
          {t('import.restart')}
        </button>
      </p>
    </>
  );
}
