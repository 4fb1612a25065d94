import { useId, useState } from 'react';
import type { ColumnMapping, ColumnsResponse } from '../../../contracts/imports.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { fieldLabel } from './describe-change.ts';

/**
 * The mapping step: one select per field, preset to the column the default recognition (or
 * the chosen profile) found. Required fields must have a column before the preview.
 */
export function MappingView({
  columns,
  busy,
  onPreview,
  onRestart,
}: {
  columns: ColumnsResponse;
  busy: boolean;
  onPreview: (mapping: ColumnMapping, profileName: string) => void;
  onRestart: () => void;
}) {
  const { t } = useI18n();
  const [choice, setChoice] = useState<Record<string, string>>(() =>
    Object.fromEntries(columns.fields.map((f) => [f.field, f.header ?? ''])),
  );
  const [profileName, setProfileName] = useState('');
  const [tried, setTried] = useState(false);
  const errorId = useId();
  const missing = columns.fields.filter((f) => f.required && !choice[f.field]);

  const submit = () => {
    setTried(true);
    if (missing.length) return;
    const mapping = Object.fromEntries(Object.entries(choice).filter(([, header]) => header));
    onPreview(mapping, profileName.trim());
  };

  return (
    <section aria-labelledby="mapping-heading">
      <h2 id="mapping-heading">{t('import.mapping')}</h2>
      <p>{t('import.mappingIntro')}</p>
      {tried && missing.length > 0 && (
        <p id={errorId} className="error" role="alert">
          {t('import.missingRequired', {
            fields: missing.map((f) => fieldLabel(t, f.field)).join(', '),
          })}
        </p>
      )}
      <div className="mapping">
        {columns.fields.map((field) => {
          const id = `map-${field.field}`;
          const label = fieldLabel(t, field.field);
          const invalid = tried && field.required && !choice[field.field];
          return (
            <div className="field" key={field.field}>
              <label htmlFor={id}>
                {field.required ? t('import.required', { field: label }) : label}
              </label>
              <select
                id={id}
                value={choice[field.field] ?? ''}
                aria-invalid={invalid || undefined}
                aria-describedby={invalid ? errorId : undefined}
                onChange={(event) =>
                  setChoice((current) => ({ ...current, [field.field]: event.target.value }))
                }
              >
                <option value="">{t('import.notInFile')}</option>
                {columns.headers.map((header, index) => (
                  <option key={`${index}-${header}`} value={header}>
                    {header}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
      </div>
      <div className="field">
        <label htmlFor="profile-name">{t('import.saveProfileName')}</label>
        <input
          id="profile-name"
          value={profileName}
          maxLength={100}
          onChange={(event) => setProfileName(event.target.value)}
        />
      </div>
      <p className="actions">
        <button type="button" className="primary" disabled={busy} onClick={submit}>
          {busy ? t('import.previewing') : t('import.preview')}
        </button>
        <button type="button" className="secondary" onClick={onRestart}>
          {t('import.restart')}
        </button>
      </p>
    </section>
  );
}
