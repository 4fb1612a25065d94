import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { ImportPreview, ImportResult } from '../../../contracts/imports.ts';
import { Layout } from '../../components/Layout.tsx';
import { ApiError, upload } from '../../lib/api-client.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { Counts } from './Counts.tsx';
import { PreviewView } from './PreviewView.tsx';

type Kind = 'units' | 'people' | 'seats';
type Step =
  | { name: 'choose' }
  | { name: 'preview'; preview: ImportPreview }
  | { name: 'done'; result: ImportResult };

/** The import wizard: choose a file → preview every change and error → apply → result. */
export function ImportPage() {
  const { t } = useI18n();
  const [kind, setKind] = useState<Kind>('people');
  const [full, setFull] = useState(true);
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fileHint = useId();

  const query = (confirm: boolean) =>
    new URLSearchParams({
      fileName: file?.name ?? 'file.csv',
      mode: full ? 'full' : 'partial',
      confirmLeavers: String(confirm),
    }).toString();

  async function preview(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setError(t('import.chooseFile'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setStep({
        name: 'preview',
        preview: await upload<ImportPreview>(`/api/imports/${kind}/preview?${query(false)}`, file),
      });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('error.generic'));
    } finally {
      setBusy(false);
    }
  }

  async function apply(confirm: boolean) {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setStep({
        name: 'done',
        result: await upload<ImportResult>(`/api/imports/${kind}?${query(confirm)}`, file),
      });
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 422 && caught.details) {
        setStep({ name: 'preview', preview: caught.details as ImportPreview });
      } else {
        setError(caught instanceof ApiError ? caught.message : t('error.generic'));
      }
    } finally {
      setBusy(false);
    }
  }

  const restart = () => {
    setStep({ name: 'choose' });
    setFile(null);
    setError(null);
  };

  return (
    <Layout title={t('import.title')}>
      <p>
        {t('import.intro')}{' '}
        <Link to="/administration/importer/historik">{t('import.history')}</Link>
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {step.name === 'choose' && (
        <form onSubmit={(event) => void preview(event)} className="import-form">
          <fieldset>
            <legend>{t('import.kind')}</legend>
            {(['people', 'units', 'seats'] as const).map((option) => (
              <label key={option} className="choice">
                <input
                  type="radio"
                  name="kind"
                  value={option}
                  checked={kind === option}
                  onChange={() => setKind(option)}
                />
                {t(`import.kind.${option}`)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="import-file">{t('import.file')}</label>
            <input
              id="import-file"
              type="file"
              accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={fileHint}
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
            <p id={fileHint} className="hint">
              {t('import.fileHint')}
            </p>
          </div>
          <label className="choice">
            <input
              type="checkbox"
              checked={full}
              onChange={(event) => setFull(event.target.checked)}
            />
            {t('import.full')}
          </label>
          <p>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('import.previewing') : t('import.preview')}
            </button>
          </p>
        </form>
      )}
      {step.name === 'preview' && (
        <PreviewView
          preview={step.preview}
          busy={busy}
          onApply={(confirm) => void apply(confirm)}
          onRestart={restart}
        />
      )}
      {step.name === 'done' && (
        <section aria-labelledby="done-heading">
          <h2 id="done-heading">{t('import.done')}</h2>
          <Counts counts={step.result.counts} errors={0} />
          <p>
            <Link to="/administration/importer/historik">{t('import.history')}</Link>
            {' · '}
            <button type="button" className="link-button" onClick={restart}>
              {t('import.newImport')}
            </button>
          </p>
        </section>
      )}
    </Layout>
  );
}
