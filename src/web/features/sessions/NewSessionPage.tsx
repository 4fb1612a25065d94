import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { OrganisationResponse } from '../../../contracts/org.ts';
import type {
  ProgrammeSessions,
  ProgrammeTrainers,
  SessionDetail,
} from '../../../contracts/sessions.ts';
import { Layout } from '../../components/Layout.tsx';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { PageNotReady } from '../../components/PageNotReady.tsx';
import { api } from '../../lib/api-client.ts';
import { todayInStockholm } from '../../lib/dates.ts';
import { formValue, text } from '../../lib/form.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';

/**
 * Schedules a session of one of a programme's session courses. A trainer's session is open to
 * the units they serve unless they narrow it; a programme owner picks the trainer and the unit.
 */
export function NewSessionPage() {
  const { t, errorText } = useI18n();
  const [params] = useSearchParams();
  const programmeId = params.get('programme') ?? '';
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [courseId, setCourseId] = useState('');
  const programme = useApi<ProgrammeSessions>(`/api/programmes/${programmeId}/sessions`);
  const trainers = useApi<ProgrammeTrainers>(`/api/programmes/${programmeId}/trainers`);
  const org = useApi<OrganisationResponse>('/api/org');
  if (!programmeId)
    return (
      <Layout title={t('newSession.title')}>
        <p>{t('newSession.noProgramme')}</p>
      </Layout>
    );
  if (programme.state !== 'ready')
    return <PageNotReady title={t('newSession.title')} loadable={programme} />;
  const owner = trainers.state === 'ready' && trainers.data.canManage;
  const courses = programme.data.courses;
  const course = courses.find((c) => c.id === courseId) ?? courses[0];
  const qualified =
    trainers.state === 'ready' ? trainers.data.trainers.filter((tr) => tr.qualified) : [];

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const date = text(form, 'date');
    const trainer = text(form, 'trainer');
    setError(null);
    try {
      const created = await api<SessionDetail>('/api/sessions', {
        method: 'POST',
        body: {
          courseId: text(form, 'course'),
          ...(text(form, 'module') ? { moduleCode: text(form, 'module') } : {}),
          startsAt: `${date}T${text(form, 'start')}`,
          endsAt: `${date}T${text(form, 'end')}`,
          ...(text(form, 'place') ? { place: text(form, 'place') } : {}),
          ...(text(form, 'onlineUrl') ? { onlineUrl: text(form, 'onlineUrl') } : {}),
          capacity: Number(formValue(form, 'capacity')),
          cancelCutoffHours: Number(formValue(form, 'cutoff')),
          openUnitIds: form.getAll('openUnit').map(String),
          trainerPersonIds: trainer ? [trainer] : [],
          ...(text(form, 'note') ? { note: text(form, 'note') } : {}),
        },
      });
      void navigate(`/tillfallen/${created.id}`);
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  return (
    <Layout title={t('newSession.title')}>
      <form className="stacked" onSubmit={(event) => void submit(event)}>
        <fieldset>
          <legend>{t('newSession.course')}</legend>
          <label htmlFor="course">{t('newSession.course')}</label>
          <select
            id="course"
            name="course"
            value={course?.id ?? ''}
            onChange={(event) => setCourseId(event.target.value)}
            required
          >
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          {course && course.modules.length > 0 && (
            <>
              <label htmlFor="module">{t('newSession.module')}</label>
              <select id="module" name="module" defaultValue="">
                <option value="">{t('newSession.wholeCourse')}</option>
                {course.modules.map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.name}
                  </option>
                ))}
              </select>
            </>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('newSession.date')}</legend>
          <label htmlFor="date">{t('newSession.date')}</label>
          <input id="date" name="date" type="date" min={todayInStockholm()} required />
          <label htmlFor="start">{t('newSession.start')}</label>
          <input id="start" name="start" type="time" defaultValue="09:00" required />
          <label htmlFor="end">{t('newSession.end')}</label>
          <input id="end" name="end" type="time" defaultValue="11:30" required />
        </fieldset>
        <fieldset>
          <legend>{t('newSession.place')}</legend>
          <label htmlFor="place">{t('newSession.place')}</label>
          <input id="place" name="place" maxLength={200} />
          <label htmlFor="online">{t('newSession.onlineUrl')}</label>
          <input id="online" name="onlineUrl" type="url" />
          <label htmlFor="capacity">{t('newSession.capacity')}</label>
          <input
            id="capacity"
            name="capacity"
            type="number"
            min={1}
            max={1000}
            defaultValue={15}
            required
          />
          <label htmlFor="cutoff">{t('newSession.cutoff')}</label>
          <input id="cutoff" name="cutoff" type="number" min={0} max={720} defaultValue={24} />
          {owner && (
            <>
              <label htmlFor="trainer">{t('newSession.trainer')}</label>
              <select id="trainer" name="trainer" defaultValue="">
                <option value="">{t('newSession.me')}</option>
                {qualified.map((tr) => (
                  <option key={tr.personId} value={tr.personId}>
                    {tr.name}
                  </option>
                ))}
              </select>
            </>
          )}
          <label htmlFor="note">{t('newSession.note')}</label>
          <textarea id="note" name="note" maxLength={2000} rows={3} />
        </fieldset>
        {org.state === 'ready' && (
          <UnitPicker
            units={org.data.units}
            allowed={programme.data.openTo}
            name="openUnit"
            legend={t('newSession.openTo')}
            hint={t(owner ? 'newSession.openToOwner' : 'newSession.openToTrainer')}
          />
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="toolbar">
          <button type="submit" className="primary">
            {t('newSession.create')}
          </button>
          <Link to="/tillfallen">{t('sessions.title')}</Link>
        </div>
      </form>
    </Layout>
  );
}
