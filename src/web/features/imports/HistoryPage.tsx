import { useState } from 'react';
import { Link } from 'react-router';
import type { ImportRun } from '../../../contracts/imports.ts';
import { Layout } from '../../components/Layout.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { api } from '../../lib/api-client.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { TableWrap } from '../../components/TableWrap.tsx';

export function HistoryPage() {
  const { t, locale, errorText } = useI18n();
  const [version, setVersion] = useState(0);
  const history = useApi<{ runs: ImportRun[] }>(`/api/imports?v=${version}`);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const when = new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  });
  const runs = history.state === 'ready' ? history.data.runs : [];
  const latest = runs.find((run) => run.undoneAt === null);

  async function undo(run: ImportRun) {
    if (!window.confirm(t('import.undoConfirm', { file: run.fileName }))) return;
    setError(null);
    try {
      await api<ImportRun>('/api/imports/undo', { method: 'POST' });
      setMessage(t('import.undoDone', { file: run.fileName }));
      setVersion((v) => v + 1);
    } catch (caught) {
      setError(errorText(caught));
    }
  }

  return (
    <Layout title={t('import.history')}>
      <p>
        <Link to="/administration/importer">{t('import.newImport')}</Link>
      </p>
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {history.state === 'error' && <LoadError error={history.error} />}
      {history.state === 'ready' && runs.length === 0 && <p>{t('import.historyEmpty')}</p>}
      {runs.length > 0 && (
        <TableWrap label={t('import.history')}>
          <table>
            <caption className="visually-hidden">{t('import.history')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.when')}</th>
                <th scope="col">{t('import.kindColumn')}</th>
                <th scope="col">{t('import.fileName')}</th>
                <th scope="col">{t('import.who')}</th>
                <th scope="col">{t('import.result')}</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id}>
                  <td>{when.format(new Date(run.appliedAt))}</td>
                  <td>{t(`import.kind.${run.kind}`)}</td>
                  <td>{run.fileName}</td>
                  <td>{run.appliedBy}</td>
                  <td>
                    {t('import.counts.created')} {run.counts.created},{' '}
                    {t('import.counts.updated').toLowerCase()} {run.counts.updated},{' '}
                    {t('import.counts.ended').toLowerCase()} {run.counts.ended}
                    {run.undoneAt &&
                      ` · ${t('import.undone', { when: when.format(new Date(run.undoneAt)) })}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {latest && (
        <p>
          <button type="button" className="secondary" onClick={() => void undo(latest)}>
            {t('import.undo')}
          </button>
        </p>
      )}
    </Layout>
  );
}
