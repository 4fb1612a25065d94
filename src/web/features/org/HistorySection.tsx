import type { UnitHistory } from '../../../contracts/org.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { fieldLabel } from '../imports/describe-change.ts';

export function HistorySection({ unitId, version }: { unitId: string; version: number }) {
  const { t, locale } = useI18n();
  const history = useApi<UnitHistory>(`/api/org/units/${unitId}/history`, version);
  const when = new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'medium',
    timeZone: 'Europe/Stockholm',
  });
  const text = (value: unknown) =>
    value === null || value === undefined
      ? '–'
      : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : JSON.stringify(value);
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t('unit.history')}</h2>
      {history.state === 'error' && <LoadError error={history.error} />}
      {history.state === 'ready' && history.data.entries.length === 0 && (
        <p>{t('unit.noHistory')}</p>
      )}
      {history.state === 'ready' && history.data.entries.length > 0 && (
        <ul>
          {history.data.entries.map((entry, index) => (
            <li key={index}>
              {t('unit.historyEntry', {
                when: when.format(new Date(entry.at)),
                source: entry.kind === 'manual' ? t('unit.manualEdit') : entry.source,
                by: entry.by,
              })}
              :{' '}
              {entry.fields.length
                ? entry.fields
                    .map((f) => `${fieldLabel(t, f.field)}: ${text(f.before)} → ${text(f.after)}`)
                    .join('; ')
                : t(`import.label.${entry.label === 'created' ? 'created' : 'changed'}`)}
              {entry.undone && ` (${t('unit.historyUndone')})`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
