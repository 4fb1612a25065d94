import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { OrganisationResponse } from '../../../contracts/org.ts';
import {
  APPROVERS,
  AUDIENCE_ROLES,
  COURSE_KINDS,
  EVIDENCE_KINDS,
  TOPICS,
} from '../../../contracts/programme-options.ts';
import type { ProgrammeFile, ReusableCourses } from '../../../contracts/programmes.ts';
import { Layout } from '../../components/Layout.tsx';
import { PageNotReady } from '../../components/PageNotReady.tsx';
import { api, ApiError } from '../../lib/api-client.ts';
import { formatDate, todayInStockholm } from '../../lib/dates.ts';
import { formValue } from '../../lib/form.ts';
import type { MessageKey } from '../../lib/messages.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import {
  fileProblems,
  WIZARD_FIELDS,
  wizardProblems,
  type WizardField,
  type WizardProblem,
} from './wizard-problems.ts';

const SCOPES = ['overall', 'office', 'department', 'unit', 'committee'] as const;

const STEPS: MessageKey[] = [
  'wizard.basics',
  'wizard.course',
  'wizard.audience',
  'wizard.target',
  'wizard.review',
];

type Values = Record<string, string | string[]>;
/** The checkbox groups: every ticked value is kept. */
const LISTS = new Set(['roles', 'units']);

/** Every answer so far, as the programme file the server applies (the same as `programme apply`). */
function toFile(v: Values, status: 'draft' | 'active'): ProgrammeFile {
  const text = (key: string) => (typeof v[key] === 'string' ? v[key] : '');
  const list = (key: string) => (Array.isArray(v[key]) ? v[key] : []);
  const scope = text('scope');
  const within = Number(text('newWithin'));
  return {
    code: text('code'),
    name: text('name'),
    topic: text('topic') as ProgrammeFile['topic'],
    decision: {
      body: text('decisionBody'),
      date: text('decisionDate'),
      reference: text('reference'),
    },
    period: { start: text('periodStart'), end: text('periodEnd') },
    status,
    owners: [],
    courses: [
      {
        code: text('courseCode'),
        name: text('courseName'),
        kind: text('courseKind') as ProgrammeFile['courses'][number]['kind'],
        ...(text('provider') ? { provider: text('provider') } : {}),
        ...(text('url') ? { url: text('url') } : {}),
        modules: [],
        forTrainers: false,
        level: 1,
        requires: [],
        evidence: text('evidence') as ProgrammeFile['courses'][number]['evidence'],
        approval: text('approval') as ProgrammeFile['courses'][number]['approval'],
      },
    ],
    audience: {
      include: [
        {
          roles: list('roles') as ProgrammeFile['audience']['include'][number]['roles'],
          units: list('units'),
          titles: [],
          bodies: [],
          ...(within > 0 ? { startedWithinDays: within } : {}),
        },
      ],
      exclude: [],
    },
    due: { kind: 'after_assignment', days: Number(text('dueDays')) || 90 },
    targets: [
      {
        code: 'MAL-1',
        name: text('targetName') || text('name'),
        percent: Number(text('targetPercent')),
        by: text('targetBy'),
        population: 'all',
        scope:
          scope === 'overall' || !scope
            ? { kind: 'overall' }
            : { kind: 'each', level: scope as 'office' | 'department' | 'unit' | 'committee' },
        courses: [],
      },
    ],
  };
}

const fieldId = (field: string) => `wizard-${field}`;

/** Creating a programme step by step: decision, course, audience, target, then review and save. */
export function WizardPage() {
  const { t, locale, errorText } = useI18n();
  const org = useApi<OrganisationResponse>('/api/org');
  const reusable = useApi<ReusableCourses>('/api/courses');
  const [step, setStep] = useState(0);
  /** Bumped when an existing course fills the course step, to show its values. */
  const [filled, setFilled] = useState(0);
  const [values, setValues] = useState<Values>({
    topic: 'other',
    decisionDate: todayInStockholm(),
    periodStart: todayInStockholm(),
    courseKind: 'web_course',
    evidence: 'certificate',
    approval: 'manager',
    roles: ['employee'],
    scope: 'office',
    targetPercent: '80',
    dueDays: '90',
  });
  const [error, setError] = useState<string | null>(null);
  /** The problems shown: the current step's after "Nästa", all of them on the review. */
  const [problems, setProblems] = useState<WizardProblem[]>([]);
  const [saved, setSaved] = useState<{ id: string; code: string; assigned: number } | null>(null);
  const [busy, setBusy] = useState(false);

  if (org.state !== 'ready') return <PageNotReady title={t('wizard.title')} loadable={org} />;

  const next = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const update: Values = {};
    for (const key of new Set(form.keys()))
      update[key] = LISTS.has(key)
        ? form.getAll(key).flatMap((v) => (typeof v === 'string' ? [v] : []))
        : formValue(form, key);
    // Unticked checkbox groups send nothing: clear them explicitly.
    if (step === 2) for (const list of LISTS) if (!(list in update)) update[list] = [];
    const merged = { ...values, ...update };
    setValues(merged);
    // Each step is checked by the file's own rules before the next: only what it shows.
    const found = wizardProblems(fileProblems(toFile(merged, 'active')), locale, merged);
    const here = found.filter((problem) => problem.step === step);
    if (here.length > 0) {
      setProblems(here);
      focusField(here[0]?.field);
      return;
    }
    setProblems(step === 3 ? found : []);
    setStep((s) => s + 1);
  };

  const goTo = (problem: WizardProblem) => {
    setProblems((current) => current.filter((p) => p.step === problem.step));
    setStep(problem.step);
    focusField(problem.field);
  };

  async function save(status: 'draft' | 'active') {
    setBusy(true);
    setError(null);
    try {
      const result = await api<{ id: string; code: string; sync: { assigned: number } | null }>(
        '/api/programmes',
        { method: 'PUT', body: toFile(values, status) },
      );
      setSaved({ id: result.id, code: result.code, assigned: result.sync?.assigned ?? 0 });
    } catch (caught) {
      // The server's checks (a code already taken, a body that does not exist) name file
      // paths too: listed with the others, each leading to its step.
      const named =
        caught instanceof ApiError && Array.isArray(caught.details)
          ? wizardProblems(caught.details as Parameters<typeof wizardProblems>[0], locale, values)
          : [];
      setProblems(named);
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  }

  const offices = org.data.units.filter((unit) => unit.kind === 'office');
  const value = (key: string) => (typeof values[key] === 'string' ? values[key] : '');
  const checked = (key: string, option: string) =>
    Array.isArray(values[key]) && values[key].includes(option);

  return (
    <Layout title={t('wizard.title')}>
      <ol className="wizard-steps">
        {STEPS.map((name, i) => (
          <li key={name} aria-current={i === step ? 'step' : undefined}>
            {i + 1}. {t(name)}
          </li>
        ))}
      </ol>
      {saved ? (
        <div role="status">
          <p>{t('wizard.saved', { code: saved.code, assigned: saved.assigned })}</p>
          <Link to={`/program/${saved.id}`}>{t('wizard.openDashboard')}</Link>
        </div>
      ) : step < 4 ? (
        <form onSubmit={next} key={`${step}-${filled}`} noValidate>
          <fieldset>
            <legend>
              {t('wizard.step', {
                n: step + 1,
                total: STEPS.length,
                name: t(STEPS[step] ?? 'wizard.basics'),
              })}
            </legend>
            <ProblemList problems={problems} onGo={goTo} />
            {step === 0 && (
              <>
                <Field
                  name="code"
                  label={t('wizard.code')}
                  value={value('code')}
                  pattern="[A-Za-z0-9][A-Za-z0-9_.\-]{0,59}"
                />
                <Field name="name" label={t('wizard.name')} value={value('name')} />
                <Choice
                  name="topic"
                  label={t('wizard.topic')}
                  value={value('topic')}
                  options={TOPICS.map((o) => [o, t(`topic.${o}`)])}
                />
                <Choice
                  name="decisionBody"
                  label={t('wizard.decisionBody')}
                  value={value('decisionBody')}
                  options={org.data.bodies.map((b) => [b.code, b.name])}
                />
                <Field
                  name="decisionDate"
                  type="date"
                  label={t('wizard.decisionDate')}
                  value={value('decisionDate')}
                />
                <Field name="reference" label={t('wizard.reference')} value={value('reference')} />
                <Field
                  name="periodStart"
                  type="date"
                  label={t('wizard.periodStart')}
                  value={value('periodStart')}
                />
                <Field
                  name="periodEnd"
                  type="date"
                  label={t('wizard.periodEnd')}
                  value={value('periodEnd')}
                />
              </>
            )}
            {step === 1 && (
              <>
                {reusable.state === 'ready' && reusable.data.courses.length > 0 && (
                  <div className="field">
                    <label htmlFor="wizard-reuse">{t('wizard.reuse')}</label>
                    <select
                      id="wizard-reuse"
                      defaultValue=""
                      aria-describedby="wizard-reuse-hint"
                      onChange={(event) => {
                        const course = reusable.data.courses.find(
                          (c) => c.code === event.target.value,
                        );
                        if (!course) return;
                        setValues((v) => ({
                          ...v,
                          courseCode: '',
                          courseName: course.name,
                          courseKind: course.kind,
                          provider: course.provider ?? '',
                          url: course.url ?? '',
                          evidence: course.evidence,
                          approval: course.approval,
                        }));
                        setFilled((n) => n + 1);
                        focusField('courseCode');
                      }}
                    >
                      <option value="">{t('wizard.reuseNone')}</option>
                      {reusable.data.courses.map((c) => (
                        <option key={c.code} value={c.code}>
                          {c.name} ({c.programme})
                        </option>
                      ))}
                    </select>
                    <p id="wizard-reuse-hint" className="hint">
                      {t('wizard.reuseHint')}
                    </p>
                  </div>
                )}
                <Field
                  name="courseCode"
                  label={t('wizard.courseCode')}
                  value={value('courseCode')}
                  pattern="[A-Za-z0-9][A-Za-z0-9_.\-]{0,59}"
                />
                <Field
                  name="courseName"
                  label={t('wizard.courseName')}
                  value={value('courseName')}
                />
                <Choice
                  name="courseKind"
                  label={t('wizard.courseKind')}
                  value={value('courseKind')}
                  options={COURSE_KINDS.map((o) => [o, t(`courseKind.${o}`)])}
                />
                <Field
                  name="provider"
                  label={t('wizard.provider')}
                  value={value('provider')}
                  required={false}
                />
                <Field
                  name="url"
                  type="url"
                  label={t('wizard.url')}
                  value={value('url')}
                  required={false}
                />
                <Choice
                  name="evidence"
                  label={t('wizard.evidence')}
                  value={value('evidence')}
                  options={EVIDENCE_KINDS.map((o) => [o, t(`evidence.${o}`)])}
                />
                <Choice
                  name="approval"
                  label={t('wizard.approval')}
                  value={value('approval')}
                  options={APPROVERS.map((o) => [o, t(`approval.${o}`)])}
                />
              </>
            )}
            {step === 2 && (
              <>
                <Checks legend={t('wizard.roles')}>
                  {AUDIENCE_ROLES.map((role) => (
                    <label key={role} className="choice">
                      <input
                        type="checkbox"
                        name="roles"
                        value={role}
                        defaultChecked={checked('roles', role)}
                      />
                      {t(`audienceRole.${role}`)}
                    </label>
                  ))}
                </Checks>
                <Checks legend={t('wizard.units')}>
                  {offices.map((office) => (
                    <label key={office.id} className="choice">
                      <input
                        type="checkbox"
                        name="units"
                        value={office.code}
                        defaultChecked={checked('units', office.code)}
                      />
                      {office.name}
                    </label>
                  ))}
                </Checks>
                <Field
                  name="newWithin"
                  type="number"
                  label={t('wizard.newWithin')}
                  value={value('newWithin')}
                  required={false}
                />
              </>
            )}
            {step === 3 && (
              <>
                <Field
                  name="targetPercent"
                  type="number"
                  label={t('wizard.targetPercent')}
                  value={value('targetPercent')}
                />
                <Field
                  name="targetBy"
                  type="date"
                  label={t('wizard.targetBy')}
                  value={value('targetBy') || value('periodEnd')}
                />
                <Choice
                  name="scope"
                  label={t('wizard.targetScope')}
                  value={value('scope')}
                  options={SCOPES.map((o) => [o, t(`dashboard.scope.${o}`)])}
                />
                <Field
                  name="dueDays"
                  type="number"
                  label={t('wizard.due')}
                  value={value('dueDays')}
                />
              </>
            )}
            <div className="actions">
              {step > 0 && (
                <button type="button" className="secondary" onClick={() => setStep((s) => s - 1)}>
                  {t('wizard.back')}
                </button>
              )}
              <button type="submit" className="primary">
                {t('wizard.next')}
              </button>
            </div>
          </fieldset>
        </form>
      ) : (
        <section aria-labelledby="review-heading">
          <h2 id="review-heading">{t('wizard.review')}</h2>
          <Review values={values} offices={offices} bodies={org.data.bodies} />
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <ProblemList problems={problems} onGo={goTo} />
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setStep(3)}>
              {t('wizard.back')}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => void save('draft')}
            >
              {t('wizard.status')}: {t('programmeStatus.draft')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void save('active')}
            >
              {t('wizard.save')}
            </button>
          </div>
        </section>
      )}
    </Layout>
  );
}

function Review({
  values,
  offices,
  bodies,
}: {
  values: Values;
  offices: OrganisationResponse['units'];
  bodies: OrganisationResponse['bodies'];
}) {
  const { t, locale } = useI18n();
  const file = toFile(values, 'active');
  const course = file.courses[0];
  const target = file.targets[0];
  const rule = file.audience.include[0];
  const rows: [string, string][] = [
    [t('wizard.name'), `${file.name} (${file.code})`],
    [
      t('programmes.decision'),
      `${bodies.find((b) => b.code === file.decision.body)?.name ?? file.decision.body}, ${formatDate(locale, file.decision.date)} (${file.decision.reference})`,
    ],
    [
      t('programmes.period'),
      `${formatDate(locale, file.period.start)} – ${formatDate(locale, file.period.end)}`,
    ],
    [t('wizard.course'), course ? `${course.name} (${t(`courseKind.${course.kind}`)})` : ''],
    [
      t('wizard.audience'),
      [
        ...(rule?.roles ?? []).map((role) => t(`audienceRole.${role}`)),
        ...(rule?.units ?? []).map((code) => offices.find((o) => o.code === code)?.name ?? code),
      ].join(', '),
    ],
    [
      t('wizard.target'),
      target
        ? `${target.percent} % · ${t(`dashboard.scope.${target.scope.kind === 'each' ? target.scope.level : 'overall'}`)} · ${formatDate(locale, target.by)}`
        : '',
    ],
  ];
  return (
    <dl className="review">
      {rows.map(([term, description]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{description}</dd>
        </div>
      ))}
    </dl>
  );
}

function Field({
  name,
  label,
  value,
  type = 'text',
  required = true,
  pattern,
}: {
  name: WizardField;
  label: string;
  value: string;
  type?: string;
  required?: boolean;
  pattern?: string;
}) {
  const id = fieldId(name);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={value}
        required={required}
        pattern={pattern}
      />
    </div>
  );
}

/**
 * The problems found, each naming its field and leading to it (on its step). Announced when
 * it appears; the first field with a problem gets the focus.
 */
function ProblemList({
  problems,
  onGo,
}: {
  problems: WizardProblem[];
  onGo: (problem: WizardProblem) => void;
}) {
  const { t } = useI18n();
  if (problems.length === 0) return null;
  return (
    <div className="error-summary" role="alert">
      <p>{t('wizard.problems', { count: problems.length })}</p>
      <ul>
        {problems.map((problem) => (
          <li key={`${problem.field}-${problem.text}`}>
            <a
              href={`#${fieldId(problem.field)}`}
              onClick={(event) => {
                event.preventDefault();
                onGo(problem);
              }}
            >
              {t('wizard.problemAt', {
                n: problem.step + 1,
                field: t(WIZARD_FIELDS[problem.field].label),
                problem: problem.text,
              })}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Moves the focus to a field once its step is shown. */
function focusField(field: WizardField | undefined) {
  if (!field) return;
  setTimeout(() => {
    const element =
      document.getElementById(fieldId(field)) ??
      document.querySelector<HTMLElement>(`[name="${field}"]`);
    element?.focus();
  }, 0);
}

function Choice({
  name,
  label,
  value,
  options,
}: {
  name: WizardField;
  label: string;
  value: string;
  options: [string, string][];
}) {
  const id = fieldId(name);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value || options[0]?.[0]} required>
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

function Checks({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}
