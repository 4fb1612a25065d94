import { useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { OrganisationResponse } from '../../../contracts/org.ts';
import { TOPICS } from '../../../contracts/programme-options.ts';
import type { ProgrammeFile } from '../../../contracts/programmes.ts';
import { problemText } from '../../../contracts/error-messages.ts';
import { Layout } from '../../components/Layout.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { api, ApiError } from '../../lib/api-client.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { AudienceFields } from './AudienceFields.tsx';
import { CourseFields } from './CourseFields.tsx';
import { SelectField, TextField, NumberField, type Editor } from './editor-fields.tsx';
import {
  editorFields,
  fieldId,
  fieldOf,
  joinList,
  setAt,
  splitList,
  type Draft,
} from './editor-state.ts';
import { TargetFields } from './TargetFields.tsx';
import { fileProblems } from './wizard-problems.ts';

interface PathProblem {
  path: string;
  code: Parameters<typeof problemText>[0]['code'];
  params?: Parameters<typeof problemText>[0]['params'];
}

/**
 * Edits everything a programme file holds — decision, period, owners, courses with levels and
 * prerequisites, audience rules, targets, due dates — checked by the file's own rules before it
 * is sent and by the server's when saved, and shows the file it amounts to.
 */
export function ProgrammeEditorPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const file = useApi<ProgrammeFile>(`/api/programmes/${id}/file`);
  const org = useApi<OrganisationResponse>('/api/org');
  if (file.state === 'error' || org.state === 'error')
    return (
      <Layout title={t('editor.titleShort')}>
        <LoadError
          error={file.state === 'error' ? file.error : (org as { error: ApiError }).error}
        />
      </Layout>
    );
  if (file.state === 'loading' || org.state === 'loading')
    return <Layout title={t('editor.titleShort')}>{null}</Layout>;
  return <Editing programmeId={id} initial={file.data} org={org.data} />;
}

function Editing({
  programmeId,
  initial,
  org,
}: {
  programmeId: string;
  initial: Draft;
  org: OrganisationResponse;
}) {
  const { t, locale, errorText } = useI18n();
  const [draft, setDraft] = useState<Draft>(initial);
  const [problems, setProblems] = useState<PathProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const fields = useMemo(() => editorFields(draft), [draft]);
  const name = (field: string) => {
    const named = fields.get(field);
    if (!named) return field;
    const label = t(named.label, named.values);
    return named.within ? `${t(named.within.label, named.within.values)}, ${label}` : label;
  };

  const shown = useMemo(() => {
    const byField = new Map<string, string>();
    for (const p of problems) {
      const field = fieldOf(p.path, fields) ?? p.path;
      if (!byField.has(field)) byField.set(field, problemText(p, locale));
    }
    return byField;
  }, [problems, fields, locale]);

  const ed: Editor = {
    draft,
    set: (path, value) => {
      setDraft((d) => setAt(d, path, value));
      setSaved(false);
    },
    change: (update) => {
      setDraft(update);
      setSaved(false);
    },
    problem: (path) => shown.get(path),
  };

  const report = (found: PathProblem[]) => {
    setProblems(found);
    requestAnimationFrame(() => summary.current?.focus());
  };

  async function save() {
    setError(null);
    const found = fileProblems(draft);
    if (found.length) return report(found);
    setBusy(true);
    try {
      await api('/api/programmes', { method: 'PUT', body: draft });
      setProblems([]);
      setSaved(true);
    } catch (caught) {
      const named =
        caught instanceof ApiError && Array.isArray(caught.details)
          ? (caught.details as PathProblem[]).map((p) => ({
              ...p,
              path: p.path.replace(/^body\./, ''),
            }))
          : [];
      if (named.length) report(named);
      else setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  }

  const fileText = JSON.stringify(draft, null, 2);
  const download = `data:application/json;charset=utf-8,${encodeURIComponent(fileText)}`;

  return (
    <Layout title={t('editor.title', { name: initial.name })}>
      <p>
        <Link to={`/program/${programmeId}`}>{t('editor.back')}</Link>
      </p>
      <p>{t('editor.intro', { code: draft.code })}</p>
      <nav aria-label={t('editor.contents')}>
        <ul className="contents">
          <li>
            <a href="#editor-basics">{t('wizard.basics')}</a>
          </li>
          <li>
            <a href="#editor-courses">{t('editor.courses')}</a>
          </li>
          <li>
            <a href="#editor-audience">{t('editor.audience')}</a>
          </li>
          <li>
            <a href="#editor-targets">{t('editor.targets')}</a>
          </li>
          <li>
            <a href="#editor-file">{t('editor.file')}</a>
          </li>
        </ul>
      </nav>
      {shown.size > 0 && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summary}>
          <p>{t('editor.problems', { count: shown.size })}</p>
          <ul>
            {[...shown].map(([field, text]) => (
              <li key={field}>
                <a href={`#${fieldId(field)}`}>
                  {name(field)}: {text}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form
        className="stacked editor"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <section aria-labelledby="editor-basics">
          <h2 id="editor-basics">{t('wizard.basics')}</h2>
          <TextField ed={ed} path="name" label={t('wizard.name')} value={draft.name} />
          <SelectField
            ed={ed}
            path="topic"
            label={t('wizard.topic')}
            value={draft.topic}
            options={TOPICS.map((topic) => ({ value: topic, label: t(`topic.${topic}`) }))}
          />
          <div className="field">
            <label htmlFor={fieldId('description')}>{t('editor.description')}</label>
            <textarea
              id={fieldId('description')}
              rows={4}
              value={draft.description ?? ''}
              onChange={(event) => ed.set('description', event.target.value || undefined)}
            />
          </div>
          <SelectField
            ed={ed}
            path="decision.body"
            label={t('wizard.decisionBody')}
            value={draft.decision.body}
            options={org.bodies.map((b) => ({ value: b.code, label: b.name }))}
          />
          <TextField
            ed={ed}
            path="decision.date"
            label={t('wizard.decisionDate')}
            type="date"
            value={draft.decision.date}
          />
          <TextField
            ed={ed}
            path="decision.reference"
            label={t('wizard.reference')}
            value={draft.decision.reference}
          />
          <TextField
            ed={ed}
            path="period.start"
            label={t('wizard.periodStart')}
            type="date"
            value={draft.period.start}
          />
          <TextField
            ed={ed}
            path="period.end"
            label={t('wizard.periodEnd')}
            type="date"
            value={draft.period.end}
          />
          <TextField
            ed={ed}
            path="owners"
            label={t('editor.owners')}
            hint={t('editor.ownersHint')}
            value={joinList(draft.owners)}
            onChange={(text) => ed.set('owners', splitList(text))}
          />
          <SelectField
            ed={ed}
            path="due.kind"
            label={t('editor.due')}
            value={draft.due.kind}
            options={(['fixed', 'after_start', 'after_assignment'] as const).map((kind) => ({
              value: kind,
              label: t(`editor.dueKind.${kind}`),
            }))}
            onChange={(kind) =>
              ed.set(
                'due',
                kind === 'fixed'
                  ? { kind, date: draft.period.end }
                  : { kind, days: 'days' in draft.due ? draft.due.days : 90 },
              )
            }
          />
          {draft.due.kind === 'fixed' ? (
            <TextField
              ed={ed}
              path="due.date"
              label={t('editor.dueDate')}
              type="date"
              value={draft.due.date}
            />
          ) : (
            <NumberField
              ed={ed}
              path="due.days"
              label={t('editor.dueDays')}
              value={draft.due.days}
            />
          )}
        </section>
        <CourseFields ed={ed} />
        <AudienceFields ed={ed} org={org} />
        <TargetFields ed={ed} />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {saved && (
          <p role="status" className="notice">
            {t('editor.saved')} <Link to={`/program/${programmeId}`}>{t('editor.back')}</Link>
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('editor.save')}
        </button>
      </form>
      <section aria-labelledby="editor-file">
        <h2 id="editor-file">{t('editor.file')}</h2>
        <p>{t('editor.fileIntro')}</p>
        <p>
          <a href={download} download={`${draft.code}.json`}>
            {t('editor.download')}
          </a>
        </p>
        <pre className="programme-file" tabIndex={0} aria-label={t('editor.file')}>
          {fileText}
        </pre>
      </section>
    </Layout>
  );
}
