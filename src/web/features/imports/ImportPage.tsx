import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type {
  ColumnMapping,
  ColumnsResponse,
  ImportPreview,
  ImportProfile,
  ImportResult,
} from '../../../contracts/imports.ts';
import { Layout } from '../../components/Layout.tsx';
import { api, ApiError, upload } from '../../lib/api-client.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { Counts } from './Counts.tsx';
import { MappingView } from './MappingView.tsx';
import { PreviewView } from './PreviewView.tsx';

type Kind = 'units' | 'people' | 'seats';
type Step =
  | { name: 'choose' }
  | { name: 'mapping'; columns: ColumnsResponse }
  | { name: 'preview'; preview: ImportPreview }
  | { name: 'done'; result: ImportResult };

/** The import wizard: choose a file → map its columns → preview every change → apply → result. */
export function ImportPage() {
  const { t, errorText } = useI18n();
  const profiles = useApi<{ profiles: ImportProfile[] }>('/api/imports/profiles');
  const [kind, setKind] = useState<Kind>('people');
  const [profile, setProfile] = useState('');
  const [full, setFull] = useState(true);
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fileHint = useId();
  const kindProfiles =
    profiles.state === 'ready' ? profiles.data.profiles.filter((p) => p.kind === kind) : [];

  const query = (extra: Record<string, string> = {}) =>
    new URLSearchParams({
      fileName: file?.name ?? 'file.csv',
      mode: full ? 'full' : 'partial',
      mapping: JSON.stringify(mapping),
      ...extra,
    }).toString();

  async function advance<T>(work: () => Promise<T>, next: (value: T) => Step) {
    setBusy(true);
    setError(null);
    try {
      setStep(next(await work()));
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 422 && caught.details) {
        setStep({ name: 'preview', preview: caught.details as ImportPreview });
      } else {
        setError(errorText(caught));
      }
    } finally {
      setBusy(false);
    }
  }

  function readColumns(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setError(t('import.chooseFile'));
      return;
    }
    const chosen = kindProfiles.find((p) => p.name === profile);
    const params = new URLSearchParams({
      fileName: file.name,
      ...(chosen ? { profile: chosen.name } : {}),
    });
    void advance(
      () => upload<ColumnsResponse>(`/api/imports/${kind}/columns?${params.toString()}`, file),
      (columns) => ({ name: 'mapping', columns }),
    );
  }

  function preview(chosen: ColumnMapping, profileName: string) {
    if (!file) return;
    setMapping(chosen);
    void advance(
      async () => {
        if (profileName)
          await api('/api/imports/profiles', {
            method: 'PUT',
            body: { kind, name: profileName, mapping: chosen },
          });
        const params = new URLSearchParams({
          fileName: file.name,
          mode: full ? 'full' : 'partial',
          mapping: JSON.stringify(chosen),
        });
        return upload<ImportPreview>(`/api/imports/${kind}/preview?${params.toString()}`, file);
      },
      (result) => ({ name: 'preview', preview: result }),
    );
  }

  function apply(options: { confirmLeavers: boolean; createAccounts: boolean }) {
    if (!file) return;
    void advance(
      () =>
        upload<ImportResult>(
          `/api/imports/${kind}?${query({
            confirmLeavers: String(options.confirmLeavers),
            createAccounts: String(options.createAccounts),
          })}`,
          file,
        ),
      (result) => ({ name: 'done', result }),
    );
  }

  const restart = () => {
    setStep({ name: 'choose' });
    setFile(null);
    setMapping({});
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
        <form onSubmit={readColumns} className="import-form">
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
          {kindProfiles.length > 0 && (
            <div className="field">
              <label htmlFor="import-profile">{t('import.profile')}</label>
              <select
                id="import-profile"
                value={profile}
                onChange={(event) => setProfile(event.target.value)}
              >
                <option value="">{t('import.defaultProfile')}</option>
                {kindProfiles.map((p) => (
                  <option key={p.id} value={p.name}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
          )}
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
              {t('import.next')}
            </button>
          </p>
        </form>
      )}
      {step.name === 'mapping' && (
        <MappingView columns={step.columns} busy={busy} onPreview={preview} onRestart={restart} />
      )}
      {step.name === 'preview' && (
        <PreviewView preview={step.preview} busy={busy} onApply={apply} onRestart={restart} />
      )}
      {step.name === 'done' && (
        <section aria-labelledby="done-heading">
          <h2 id="done-heading">{t('import.done')}</h2>
          <Counts counts={step.result.counts} errors={0} />
          {step.result.accounts && (
            <p>
              {t('import.accountsCreated', {
                created: step.result.accounts.created,
                skipped: step.result.accounts.skipped,
              })}{' '}
              <Link to="/administration/konton/personregistret">{t('accounts.fromPeople')}</Link>
            </p>
          )}
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
