import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { MyTraining, SelfReportRequest } from '../../../contracts/programmes.ts';
import type { MySessions } from '../../../contracts/sessions.ts';
import { Layout } from '../../components/Layout.tsx';
import { PageNotReady } from '../../components/PageNotReady.tsx';
import { api } from '../../lib/api-client.ts';
import { formatDate, formatDateTime, todayInStockholm } from '../../lib/dates.ts';
import { formValue, text } from '../../lib/form.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { TableWrap } from '../../components/TableWrap.tsx';

type Programme = MyTraining['programmes'][number];
type Course = Programme['courses'][number];

const MAX_BYTES = 10 * 1024 * 1024;

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** "My training": what is assigned to me, due when, how to complete it, and what I have done. */
export function TrainingPage() {
  const { t, locale } = useI18n();
  const [version, setVersion] = useState(0);
  const training = useApi<MyTraining>('/api/me/training', version);
  // Sessions to book and booked, beside each session course (absent while loading or failed).
  const sessions = useApi<MySessions>('/api/me/sessions', version);
  if (training.state !== 'ready')
    return <PageNotReady title={t('training.title')} loadable={training} />;
  const { linked, programmes, history } = training.data;
  return (
    <Layout title={t('training.title')}>
      {!linked && <p className="notice">{t('training.notLinked')}</p>}
      {linked && programmes.length === 0 && <p>{t('training.none')}</p>}
      {programmes.map((programme) => (
        <section key={programme.id} className="programme" aria-labelledby={`p-${programme.id}`}>
          <h2 id={`p-${programme.id}`}>{programme.name}</h2>
          <p className="meta-line">
            {t('training.assigned', { date: formatDate(locale, programme.assignedOn) })}
            {programme.dueOn && ' · '}
            {programme.dueOn &&
              (programme.overdue ? (
                <strong className="overdue">
                  {t('training.overdue', { date: formatDate(locale, programme.dueOn) })}
                </strong>
              ) : (
                t('training.due', { date: formatDate(locale, programme.dueOn) })
              ))}
          </p>
          <p className="hint">
            {t(programme.why.via === 'seat' ? 'training.whySeat' : 'training.whyEmployment', {
              place: programme.why.place,
            })}
          </p>
          {programme.exemptReason && (
            <p className="notice">{t('training.exempt', { reason: programme.exemptReason })}</p>
          )}
          <ol className="courses">
            {programme.courses.map((course) => (
              <CourseItem
                key={course.id}
                course={course}
                sessions={sessions.state === 'ready' ? sessions.data : null}
                programmeId={programme.id}
                nameOf={(code) => programme.courses.find((c) => c.code === code)?.name ?? code}
                onReported={() => setVersion((v) => v + 1)}
              />
            ))}
          </ol>
        </section>
      ))}
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('training.history')}</h2>
        {history.length === 0 ? (
          <p>{t('training.noHistory')}</p>
        ) : (
          <TableWrap label={t('training.history')}>
            <table>
              <caption className="visually-hidden">{t('training.history')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('table.course')}</th>
                  <th scope="col">{t('table.date')}</th>
                  <th scope="col">{t('table.source')}</th>
                  <th scope="col">{t('table.status')}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((entry) => (
                  <tr key={entry.id}>
                    <th scope="row">{entry.courseName}</th>
                    <td>{formatDate(locale, entry.completedOn)}</td>
                    <td>
                      {t(`completion.source.${entry.source}`)}
                      {entry.evidenceId && (
                        <>
                          {' · '}
                          <a href={`/api/evidence/${entry.evidenceId}`}>
                            {t('completion.certificate')}
                          </a>
                        </>
                      )}
                    </td>
                    <td>
                      {entry.voided
                        ? t('completion.voided', { reason: entry.voidReason ?? '' })
                        : t(`completion.status.${entry.status}`)}
                      {entry.decisionNote && <span className="hint"> – {entry.decisionNote}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </Layout>
  );
}

function CourseItem({
  course,
  sessions,
  programmeId,
  nameOf,
  onReported,
}: {
  course: Course;
  sessions: MySessions | null;
  programmeId: string;
  nameOf: (code: string) => string;
  onReported: () => void;
}) {
  const { t, locale } = useI18n();
  const how = {
    web_course: null,
    session: t('training.howSession'),
    drill: t('training.howDrill', {
      who: t(
        course.decidedBy === 'programme_owner' ? 'approver.programme_owner' : 'approver.manager',
      ),
    }),
    e_learning: t('training.howELearning'),
  }[course.kind];
  return (
    <li className={`course course-${course.state}`}>
      <h3>{course.name}</h3>
      <p className="meta-line">
        <span className={`badge badge-${course.state}`}>{t(`courseState.${course.state}`)}</span>{' '}
        {t(`courseKind.${course.kind}`)}
        {course.level > 1 && ` · ${t('training.level', { level: course.level })}`}
        {course.validForMonths && ` · ${t('training.validFor', { months: course.validForMonths })}`}
        {course.validUntil &&
          ` · ${t('training.validUntil', { date: formatDate(locale, course.validUntil) })}`}
      </p>
      {course.requires.length > 0 && (
        <p className="hint">
          {t('training.requires', { courses: course.requires.map(nameOf).join(', ') })}
        </p>
      )}
      {course.modules.length > 0 && (
        <ul>
          {course.modules.map((module) => (
            <li key={module.code}>{module.name}</li>
          ))}
        </ul>
      )}
      {how && <p>{how}</p>}
      {(course.kind === 'session' || course.kind === 'drill') &&
        sessions &&
        course.state !== 'done' && (
          <CourseSessions course={course} sessions={sessions} programmeId={programmeId} />
        )}
      {course.url && (
        <p>
          <a href={course.url} target="_blank" rel="noreferrer noopener">
            {course.provider
              ? t('training.open', { provider: course.provider })
              : t('training.openLink')}
          </a>
        </p>
      )}
      {course.canSelfReport && <ReportForm course={course} onReported={onReported} />}
    </li>
  );
}

/**
 * A session course's sessions for me: the one I am booked on, else those I can book, else whom
 * to ask (the trainers of my unit, or the programme's owners).
 */
function CourseSessions({
  course,
  sessions,
  programmeId,
}: {
  course: Course;
  sessions: MySessions;
  programmeId: string;
}) {
  const { t, locale } = useI18n();
  const mine = sessions.booked.find(
    (s) => s.course.id === course.id && s.status === 'scheduled' && !s.started,
  );
  if (mine)
    return (
      <p>
        <Link to={`/tillfallen/${mine.id}`}>
          {t(mine.myBooking?.status === 'waiting' ? 'training.queued' : 'training.booked', {
            time: formatDateTime(locale, mine.startsAt),
            position: mine.myBooking?.queuePosition ?? 0,
          })}
        </Link>
        {mine.place && ` · ${mine.place}`}
      </p>
    );
  const open = sessions.bookable.filter((s) => s.course.id === course.id);
  if (open.length > 0)
    return (
      <div>
        <p>{t('training.bookable', { count: open.length })}</p>
        <ul>
          {open.slice(0, 3).map((s) => (
            <li key={s.id}>
              <Link to={`/tillfallen/${s.id}`}>{formatDateTime(locale, s.startsAt)}</Link>
              {s.place && ` · ${s.place}`}
            </li>
          ))}
        </ul>
        {open.length > 3 && <Link to="/tillfallen">{t('training.allSessions')}</Link>}
      </div>
    );
  const contact = sessions.contacts.find((c) => c.programmeId === programmeId);
  return (
    <p className="notice">
      {contact?.trainers.length
        ? t('training.askTrainer', { names: contact.trainers.join(', ') })
        : contact?.owners.length
          ? t('training.askOwner', { names: contact.owners.join(', ') })
          : t('training.noSessions')}
    </p>
  );
}

function ReportForm({ course, onReported }: { course: Course; onReported: () => void }) {
  const { t, errorText } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const id = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    const file = form.get('certificate');
    if (file instanceof File && file.size > MAX_BYTES) {
      setError(t('training.fileTooLarge'));
      return;
    }
    setBusy(true);
    try {
      const body: SelfReportRequest = {
        courseId: course.id,
        completedOn: formValue(form, 'completedOn'),
        ...(text(form, 'note') ? { note: text(form, 'note') } : {}),
        ...(course.evidence === 'attestation' ? { attest: form.get('attest') === 'on' } : {}),
        ...(file instanceof File && file.size > 0
          ? { certificate: { fileName: file.name, contentBase64: await base64Of(file) } }
          : {}),
      };
      await api('/api/me/completions', { method: 'POST', body });
      setSent(true);
      onReported();
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  }

  if (sent) return <p role="status">{t('training.sent')}</p>;
  return (
    <form className="action-form" onSubmit={(event) => void submit(event)}>
      <fieldset>
        <legend>{t('training.report', { course: course.name })}</legend>
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('training.completedOn')}</label>
          <input
            id={`${id}-date`}
            name="completedOn"
            type="date"
            required
            max={todayInStockholm()}
            defaultValue={todayInStockholm()}
          />
        </div>
        {course.evidence === 'certificate' && (
          <div className="field">
            <label htmlFor={`${id}-file`}>{t('training.certificate')}</label>
            <input
              id={`${id}-file`}
              name="certificate"
              type="file"
              required
              accept="application/pdf,image/png,image/jpeg"
            />
          </div>
        )}
        {course.evidence === 'attestation' && (
          <label className="choice">
            <input type="checkbox" name="attest" required /> {t('training.attest')}
          </label>
        )}
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('training.note')}</label>
          <input id={`${id}-note`} name="note" maxLength={1000} />
        </div>
        {course.decidedBy !== 'none' && (
          <p className="hint">
            {t('training.needsApproval', { approver: t(`approver.${course.decidedBy}`) })}
          </p>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('training.send')}
        </button>
      </fieldset>
    </form>
  );
}
