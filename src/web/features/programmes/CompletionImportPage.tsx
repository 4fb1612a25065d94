import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { problemText } from '../../../contracts/error-messages.ts';
import type { ProblemCode } from '../../../contracts/errors.ts';
import type { CompletionImportResult, ProgrammeProgress } from '../../../contracts/programmes.ts';
import { Layout } from '../../components/Layout.tsx';
import { PageNotReady } from '../../components/PageNotReady.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';
import { upload } from '../../lib/api-client.ts';
import { formatDate } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';

/**
 * A course provider's list of completions, imported by the programme's owners as the command
 * line's `import completions` does: first what it would add and every problem by row, then
 * applied in one transaction (a file with any problem applies nothing).
 */
export function CompletionImportPage() {
  const { t, errorText } = useI18n();
  const { id = '' } = useParams();
  const progress = useApi<ProgrammeProgress>(`/api/programmes/${id}/progress`);
  const [file, setFile] = useState<File | null>(null);
  const [course, setCourse] = useState('');
  const [result, setResult] = useState<CompletionImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (progress.state !== 'ready')
    return <PageNotReady title={t('completionImport.title')} loadable={progress} />;
  const { programme } = progress.data;
  const courses = progress.data.courses.filter((c) => !c.forTrainers);
  const chosen = course || courses[0]?.code || '';

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const query = new URLSearchParams({
        course: chosen,
        fileName: file.name,
        dryRun: String(dryRun),
      });
      setResult(
        await upload<CompletionImportResult>(
          `/api/programmes/${id}/completions/import?${query.toString()}`,
          file,
        ),
      );
    } catch (caught) {
      setResult(null);
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };
  const preview = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void send(true);
  };

  return (
    <Layout title={t('completionImport.title')}>
      <p className="meta-line">
        <Link to={`/program/${id}`}>{programme.name}</Link>
      </p>
      <p>{t('completionImport.intro')}</p>
      <form className="stacked" onSubmit={preview}>
        <fieldset>
          <legend>{t('completionImport.file')}</legend>
          <label htmlFor="import-course">{t('completionImport.course')}</label>
          <select
            id="import-course"
            value={chosen}
            onChange={(event) => {
              setCourse(event.target.value);
              setResult(null);
            }}
          >
            {courses.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name} ({c.code})
              </option>
            ))}
          </select>
          <label htmlFor="import-file">{t('completionImport.fileLabel')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            aria-describedby="import-file-hint"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setResult(null);
            }}
          />
          <p id="import-file-hint" className="hint">
            {t('completionImport.fileHint')}
          </p>
          <button type="submit" className="secondary" disabled={busy || !file}>
            {t('completionImport.preview')}
          </button>
        </fieldset>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && <ImportOutcome result={result} busy={busy} onApply={() => void send(false)} />}
      {result?.applied && (
        <p>
          <Link to={`/program/${id}`}>{t('wizard.openDashboard')}</Link>
        </p>
      )}
    </Layout>
  );
}

function ImportOutcome({
  result,
  busy,
  onApply,
}: {
  result: CompletionImportResult;
  busy: boolean;
  onApply: () => void;
}) {
  const { t, locale } = useI18n();
  const counts = t('completionImport.counts', {
    created: result.created,
    unchanged: result.unchanged,
  });
  return (
    <section aria-labelledby="outcome-heading">
      <h2 id="outcome-heading">
        {result.applied ? t('completionImport.applied') : t('completionImport.previewHeading')}
      </h2>
      <p role="status">{counts}</p>
      {result.errorTotal > 0 && (
        <div className="error-summary" role="alert">
          <p>{t('completionImport.errors', { count: result.errorTotal })}</p>
          <ul>
            {result.errors.map((problem, index) => (
              <li key={index}>
                {[
                  problem.row === null ? null : t('completionImport.row', { row: problem.row }),
                  problem.column,
                ]
                  .filter(Boolean)
                  .join(', ')}
                {': '}
                {problemText(
                  {
                    code: problem.code as ProblemCode,
                    ...(problem.params ? { params: problem.params } : {}),
                  },
                  locale,
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {result.sample.length > 0 && (
        <TableWrap label={t('completionImport.sample')}>
          <table>
            <caption>
              {t(result.applied ? 'completionImport.added' : 'completionImport.sample')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('completionImport.rowHeading')}</th>
                <th scope="col">{t('table.name')}</th>
                <th scope="col">{t('table.date')}</th>
              </tr>
            </thead>
            <tbody>
              {result.sample.map((row) => (
                <tr key={row.row}>
                  <td className="number">{row.row}</td>
                  <th scope="row">
                    <Link to={`/organisation/personer/${row.personId}`}>{row.name}</Link>
                  </th>
                  <td>{formatDate(locale, row.completedOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {!result.applied && result.errorTotal === 0 && result.created > 0 && (
        <button type="button" className="primary" disabled={busy} onClick={onApply}>
          {t('completionImport.apply', { count: result.created })}
        </button>
      )}
    </section>
  );
}
