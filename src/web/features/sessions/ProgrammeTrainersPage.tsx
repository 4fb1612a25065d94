import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { OrganisationResponse } from '../../../contracts/org.ts';
import type {
  Candidates,
  ProgrammePlanning,
  ProgrammeSessions,
  ProgrammeTrainers,
} from '../../../contracts/sessions.ts';
import { ActionForm } from '../../components/ActionForm.tsx';
import { Layout } from '../../components/Layout.tsx';
import { PageNotReady } from '../../components/PageNotReady.tsx';
import { api } from '../../lib/api-client.ts';
import { formatDate, formatNumber } from '../../lib/dates.ts';
import { text } from '../../lib/form.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { SessionCard } from './SessionCard.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';

/**
 * The train-the-trainer view of a programme: which units have a trainer and which do not
 * (level by level), the trainers, the sessions scheduled, and how many more sessions a month
 * each target needs.
 */
export function ProgrammeTrainersPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const node = params.get('node') ?? '';
  const [version, setVersion] = useState(0);
  const query = node ? `?node=${node}` : '';
  const trainers = useApi<ProgrammeTrainers>(`/api/programmes/${id}/trainers${query}`, version);
  const planning = useApi<ProgrammePlanning>(`/api/programmes/${id}/planning${query}`, version);
  const sessions = useApi<ProgrammeSessions>(`/api/programmes/${id}/sessions`, version);
  if (trainers.state !== 'ready')
    return <PageNotReady title={t('trainers.title')} loadable={trainers} />;
  const data = trainers.data;
  const focus = (next: string | null) => setParams(next ? { node: next } : {});
  const reload = () => setVersion((v) => v + 1);
  return (
    <Layout title={`${data.programme.name}: ${t('trainers.title')}`}>
      <p>
        <Link to={`/program/${id}`}>{data.programme.name}</Link>
      </p>
      <CoverageSection data={data} onFocus={focus} />
      <TrainersSection data={data} programmeId={id} onChanged={reload} />
      {planning.state === 'ready' && <PlanningSection planning={planning.data} />}
      {sessions.state === 'ready' && (
        <section aria-labelledby="programme-sessions-heading">
          <h2 id="programme-sessions-heading">{t('trainers.sessions')}</h2>
          {sessions.data.canSchedule && (
            <p>
              <Link className="button-link" to={`/tillfallen/nytt?programme=${id}`}>
                {t('sessions.schedule')}
              </Link>
            </p>
          )}
          {sessions.data.sessions.length === 0 ? (
            <p>{t('trainers.noSessions')}</p>
          ) : (
            <ul className="session-list">
              {sessions.data.sessions.map((session) => (
                <SessionCard key={session.id} session={session} />
              ))}
            </ul>
          )}
        </section>
      )}
    </Layout>
  );
}

function CoverageSection({
  data,
  onFocus,
}: {
  data: ProgrammeTrainers;
  onFocus: (node: string | null) => void;
}) {
  const { t, locale } = useI18n();
  const focused = data.coverage.find((n) => n.id === data.focus);
  const rows = data.coverage.filter((n) => n.id !== data.focus);
  const n = (value: number | null) => (value === null ? '–' : formatNumber(locale, value));
  return (
    <section aria-labelledby="coverage-heading">
      <h2 id="coverage-heading">{t('trainers.coverage')}</h2>
      <p className={data.uncoveredUnits ? 'notice warning' : 'notice'}>
        {data.uncoveredUnits
          ? t('trainers.uncovered', { count: data.uncoveredUnits })
          : t('trainers.allCovered')}
      </p>
      {focused?.parentId && (
        <button type="button" className="link-button" onClick={() => onFocus(focused.parentId)}>
          {t('trainers.up')}
        </button>
      )}
      <TableWrap label={focused?.name ?? t('trainers.coverage')}>
        <table>
          <caption>{focused?.name ?? t('trainers.coverage')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('planning.unit')}</th>
              <th scope="col">{t('trainers.list')}</th>
              <th scope="col">{t('dashboard.eligible')}</th>
              <th scope="col">{t('dashboard.completed')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">
                  {row.level === 'unit' ? (
                    row.name
                  ) : (
                    <button type="button" className="link-button" onClick={() => onFocus(row.id)}>
                      {row.name}
                    </button>
                  )}
                </th>
                <td>
                  <span className={`badge ${row.covered ? 'status-met' : 'status-behind'}`}>
                    {row.covered ? t('trainers.covered') : t('trainers.notCovered')}
                  </span>{' '}
                  {row.trainers.join(', ')}
                  {row.uncoveredBelow > 0 && row.covered === false && (
                    <span className="hint">
                      {' '}
                      {t('trainers.uncoveredBelow', { count: row.uncoveredBelow })}
                    </span>
                  )}
                </td>
                {row.suppressed ? (
                  <td colSpan={2}>{t('dashboard.suppressed')}</td>
                ) : (
                  <>
                    <td>{n(row.eligible)}</td>
                    <td>{n(row.completed)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

function TrainersSection({
  data,
  programmeId,
  onChanged,
}: {
  data: ProgrammeTrainers;
  programmeId: string;
  onChanged: () => void;
}) {
  const { t, locale, errorText } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const remove = async (personId: string) => {
    setError(null);
    try {
      await api(`/api/programmes/${programmeId}/trainers/${personId}`, { method: 'DELETE' });
      onChanged();
    } catch (caught) {
      setError(errorText(caught));
    }
  };
  return (
    <section aria-labelledby="trainers-heading">
      <h2 id="trainers-heading">{t('trainers.list')}</h2>
      {data.trainerCourses.length > 0 && (
        <p className="hint">
          {t('trainers.trainerCourse', {
            courses: data.trainerCourses.map((c) => c.name).join(', '),
          })}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {data.trainers.length === 0 ? (
        <p>{t('trainers.none')}</p>
      ) : (
        <ul className="participants">
          {data.trainers.map((trainer) => (
            <li key={trainer.personId}>
              <div>
                <strong>{trainer.name}</strong>{' '}
                <span className="hint">
                  {trainer.qualified
                    ? `${t(`trainers.via.${trainer.via ?? 'registered'}`)}, ${
                        trainer.validUntil
                          ? t('trainers.validUntil', {
                              date: formatDate(locale, trainer.validUntil),
                            })
                          : t('trainers.noEnd')
                      }`
                    : trainer.expiredOn
                      ? t('trainers.expired', { date: formatDate(locale, trainer.expiredOn) })
                      : t('trainers.notYet')}
                  {trainer.units.length > 0 && ` · ${trainer.units.map((u) => u.name).join(', ')}`}
                  {` · ${t('trainers.upcoming', { count: trainer.upcomingSessions })}`}
                </span>
              </div>
              {data.canManage && (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => void remove(trainer.personId)}
                >
                  {t('trainers.remove', { name: trainer.name })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {data.canManage && <RegisterTrainer programmeId={programmeId} onDone={onChanged} />}
    </section>
  );
}

function RegisterTrainer({ programmeId, onDone }: { programmeId: string; onDone: () => void }) {
  const { t, errorText } = useI18n();
  const org = useApi<OrganisationResponse>('/api/org');
  const [found, setFound] = useState<Candidates['people']>([]);
  const [error, setError] = useState<string | null>(null);
  const search = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    try {
      const q = text(new FormData(event.currentTarget), 'q');
      const result = await api<Candidates>(
        `/api/programmes/${programmeId}/trainer-candidates?q=${encodeURIComponent(q)}`,
      );
      setFound(result.people);
    } catch (caught) {
      setError(errorText(caught));
    }
  };
  const units =
    org.state === 'ready' ? org.data.units.filter((u) => u.kind !== 'municipality') : [];
  return (
    <>
      <form className="inline-form" role="search" onSubmit={(event) => void search(event)}>
        <label htmlFor="trainer-q">{t('session.search')}</label>
        <input id="trainer-q" name="q" type="search" minLength={2} required />
        <button type="submit" className="secondary">
          {t('session.searchButton')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {found.length > 0 && (
        <ActionForm
          legend={t('trainers.register')}
          submitLabel={t('trainers.save')}
          onDone={onDone}
          onSubmit={(form) =>
            api(`/api/programmes/${programmeId}/trainers`, {
              method: 'PUT',
              body: {
                personId: text(form, 'person'),
                unitIds: form.getAll('units').map(String),
                register: form.get('register') === 'on',
                ...(text(form, 'validUntil') ? { validUntil: text(form, 'validUntil') } : {}),
              },
            })
          }
        >
          <label htmlFor="trainer-person">{t('trainers.person')}</label>
          <select id="trainer-person" name="person" required>
            {found.map((person) => (
              <option key={person.id} value={person.id}>
                {[person.name, person.employeeNumber, ...person.units].filter(Boolean).join(' · ')}
              </option>
            ))}
          </select>
          <label htmlFor="trainer-units">{t('trainers.units')}</label>
          <select id="trainer-units" name="units" multiple size={8}>
            {units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.name}
              </option>
            ))}
          </select>
          <label className="checkbox">
            <input type="checkbox" name="register" />
            {t('trainers.registerAsQualified')}
          </label>
          <label htmlFor="trainer-valid">{t('trainers.validUntilField')}</label>
          <input id="trainer-valid" name="validUntil" type="date" />
        </ActionForm>
      )}
    </>
  );
}

function PlanningSection({ planning }: { planning: ProgrammePlanning }) {
  const { t, locale } = useI18n();
  const n = (value: number | null) => (value === null ? '–' : formatNumber(locale, value));
  return (
    <section aria-labelledby="planning-heading">
      <h2 id="planning-heading">{t('planning.title')}</h2>
      <p>{t('planning.intro', { capacity: planning.usualCapacity })}</p>
      {planning.targets.length === 0 && <p>{t('planning.none')}</p>}
      {planning.targets.map((target) => (
        <TableWrap key={target.code} label={target.name}>
          <table>
            <caption>
              {t('planning.target', {
                name: target.name,
                percent: target.targetPercent,
                date: formatDate(locale, target.by),
                months: target.monthsLeft,
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('planning.unit')}</th>
                <th scope="col">{t('planning.toTrain')}</th>
                <th scope="col">{t('planning.booked')}</th>
                <th scope="col">{t('planning.freeSeats')}</th>
                <th scope="col">{t('planning.upcoming')}</th>
                <th scope="col">{t('planning.needed')}</th>
                <th scope="col">{t('planning.perMonth')}</th>
              </tr>
            </thead>
            <tbody>
              {target.rows.map((row) => (
                <tr key={row.node.id}>
                  <th scope="row">{row.node.name}</th>
                  <td>{n(row.toTrain)}</td>
                  <td>{n(row.booked)}</td>
                  <td>{n(row.freeSeats)}</td>
                  <td>{n(row.upcomingSessions)}</td>
                  <td>{n(row.sessionsNeeded)}</td>
                  <td>
                    <strong>{n(row.perMonth)}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ))}
    </section>
  );
}
