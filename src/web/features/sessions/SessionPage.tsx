import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import type { Candidates, Participant, SessionDetail } from '../../../contracts/sessions.ts';
import { ActionForm } from '../../components/ActionForm.tsx';
import { Layout } from '../../components/Layout.tsx';
import { PageNotReady } from '../../components/PageNotReady.tsx';
import { api } from '../../lib/api-client.ts';
import { formatDateTime, formatTimeRange } from '../../lib/dates.ts';
import { formValue, text } from '../../lib/form.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { BookAfterCutoff, OwnCancellation } from './SessionCard.tsx';
import { useApi } from '../../lib/use-api.ts';

/**
 * One session. Participants book or cancel here; the session's trainers take attendance (a
 * list that works on a phone), add participants and walk-ins, print the paper list, move,
 * resize or cancel the session; managers book their own staff.
 */
export function SessionPage() {
  const { t, locale, errorText } = useI18n();
  const { id = '' } = useParams();
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const loaded = useApi<SessionDetail>(`/api/sessions/${id}`, version);
  if (loaded.state !== 'ready')
    return <PageNotReady title={t('session.title')} loadable={loaded} />;
  const session = loaded.data;
  const reload = () => setVersion((v) => v + 1);
  const run = async (request: () => Promise<unknown>) => {
    setError(null);
    try {
      await request();
      reload();
      return true;
    } catch (caught) {
      setError(errorText(caught));
      return false;
    }
  };
  const title = session.module
    ? `${session.course.name} – ${session.module.name}`
    : session.course.name;
  const started = session.started;
  const scheduled = session.status === 'scheduled';
  const free = Math.max(0, session.capacity - session.booked);

  return (
    <Layout title={title}>
      <p className="meta-line">
        <time dateTime={session.startsAt}>
          {formatTimeRange(locale, session.startsAt, session.endsAt)}
        </time>
        {session.place && ` · ${session.place}`}
      </p>
      <p className="hint">
        {session.programme.name} ·{' '}
        {t('sessions.trainers', { names: session.trainers.map((tr) => tr.name).join(', ') })} ·{' '}
        {session.openUnits.length
          ? t('sessions.openTo', { units: session.openUnits.map((u) => u.name).join(', ') })
          : t('sessions.openToAll')}
      </p>
      {session.note && <p>{session.note}</p>}
      {session.onlineUrl && (
        <p>
          <a href={session.onlineUrl} rel="noreferrer">
            {t('sessions.online')}
          </a>
        </p>
      )}
      {scheduled ? (
        <p>
          {free > 0
            ? t('sessions.seats', { free, capacity: session.capacity })
            : t('sessions.full', { waiting: session.waiting })}
        </p>
      ) : (
        <p className="notice warning">
          {t('sessions.cancelled', { reason: session.cancelReason ?? '' })}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="toolbar">
        {session.myBooking ? (
          <>
            <span className="badge">
              {session.myBooking.status === 'waiting'
                ? t('sessions.queueStatus', { position: session.myBooking.queuePosition ?? 0 })
                : t('sessions.bookedStatus')}
            </span>
            <OwnCancellation
              session={session}
              onCancel={() =>
                void run(() =>
                  api(`/api/sessions/${id}/bookings/${session.myBooking?.id ?? ''}`, {
                    method: 'DELETE',
                  }),
                )
              }
            />
          </>
        ) : (
          !session.canManage && <SelfBooking session={session} free={free} run={run} />
        )}
        <a href={`/api/sessions/${id}/calendar.ics`}>{t('sessions.calendarFile')}</a>
        {session.canManage && (
          <a href={`/api/sessions/${id}/attendance.pdf`}>{t('session.printList')}</a>
        )}
      </div>

      {(session.canManage || session.participants.length > 0) && (
        <ParticipantsSection session={session} started={started} run={run} />
      )}
      {scheduled && (session.canManage || (session.canBookOthers && !started)) && (
        <FindPeople
          session={session}
          legend={session.canManage ? t('session.find') : t('session.findPeople')}
          started={started}
          run={run}
        />
      )}
      {session.canManage && scheduled && <ChangeSession session={session} onDone={reload} />}
    </Layout>
  );
}

type Run = (request: () => Promise<unknown>) => Promise<boolean>;

/** Booking oneself: offered only when the booking rule would take it, else why not. */
function SelfBooking({ session, free, run }: { session: SessionDetail; free: number; run: Run }) {
  const { t } = useI18n();
  const { may, refusal } = session.selfBooking;
  if (!may)
    return refusal === 'not_assigned' ||
      refusal === 'not_open_to_unit' ||
      refusal === 'overlapping' ? (
      <p className="hint">{t(`session.refusal.${refusal}`)}</p>
    ) : null;
  return (
    <>
      <BookAfterCutoff session={session} />
      <button
        type="button"
        className="primary"
        onClick={() =>
          void run(() => api(`/api/sessions/${session.id}/bookings`, { method: 'POST', body: {} }))
        }
      >
        {free > 0 ? t('sessions.book') : t('sessions.joinQueue')}
      </button>
    </>
  );
}

function ParticipantsSection({
  session,
  started,
  run,
}: {
  session: SessionDetail;
  started: boolean;
  run: Run;
}) {
  const { t, locale } = useI18n();
  // Shown at once (a trainer ticks fast on a phone); once saved, the row says so and a screen
  // reader hears it.
  const [marks, setMarks] = useState<Record<string, 'present' | 'absent'>>({});
  const [saved, setSaved] = useState<ReadonlySet<string>>(new Set());
  const [announced, setAnnounced] = useState('');
  const mark = async (participant: Participant, attendance: 'present' | 'absent') => {
    setMarks((current) => ({ ...current, [participant.bookingId]: attendance }));
    setSaved((current) => new Set([...current].filter((id) => id !== participant.bookingId)));
    const ok = await run(() =>
      api(`/api/sessions/${session.id}/attendance`, {
        method: 'PUT',
        body: { personId: participant.personId, attendance },
      }),
    );
    setMarks(({ [participant.bookingId]: _done, ...rest }) => rest);
    if (!ok) return;
    setSaved((current) => new Set([...current, participant.bookingId]));
    setAnnounced(
      t('session.markSaved', {
        name: participant.name,
        mark: t(`session.${attendance}`).toLocaleLowerCase(locale),
      }),
    );
  };
  return (
    <section aria-labelledby="participants-heading">
      <h2 id="participants-heading">{t('session.participants')}</h2>
      {session.canManage && (
        <p className="hint">
          {started
            ? t('session.attendanceHint')
            : t('session.attendanceFrom', { time: formatDateTime(locale, session.startsAt) })}
        </p>
      )}
      <p role="status" className="visually-hidden">
        {announced}
      </p>
      {session.participants.length === 0 ? (
        <p>{t('session.noParticipants')}</p>
      ) : (
        <ul className="participants">
          {session.participants.map((participant) => (
            <li key={participant.bookingId}>
              <div>
                <strong>{participant.name}</strong>
                <span className="hint">
                  {' '}
                  {participant.units.join(', ')}
                  {participant.walkIn && ` · ${t('session.walkIn')}`}
                  {participant.status === 'waiting' &&
                    ` · ${t('session.inQueue', { position: participant.queuePosition ?? 0 })}`}
                  {` · ${t('session.bookedBy', { name: participant.bookedBy })}`}
                </span>
              </div>
              {session.canManage && started && participant.status === 'booked' && (
                <fieldset className="attendance">
                  <legend className="visually-hidden">
                    {t('session.attendanceOf', { name: participant.name })}
                  </legend>
                  {(['present', 'absent'] as const).map((value) => (
                    <label key={value} className="toggle">
                      <input
                        type="radio"
                        name={`attendance-${participant.bookingId}`}
                        checked={(marks[participant.bookingId] ?? participant.attendance) === value}
                        onChange={() => void mark(participant, value)}
                      />
                      {t(`session.${value}`)}
                    </label>
                  ))}
                  {saved.has(participant.bookingId) && (
                    <span className="saved">
                      <span aria-hidden="true">✓ </span>
                      {t('session.saved')}
                    </span>
                  )}
                </fieldset>
              )}
              {!started && session.status === 'scheduled' && (
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    void run(() =>
                      api(`/api/sessions/${session.id}/bookings/${participant.bookingId}`, {
                        method: 'DELETE',
                      }),
                    )
                  }
                >
                  {t('session.cancelParticipant', { name: participant.name })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Finds people by name or employee number to book (before) or register as walk-ins (after). */
function FindPeople({
  session,
  legend,
  started,
  run,
}: {
  session: SessionDetail;
  legend: string;
  started: boolean;
  run: Run;
}) {
  const { t, errorText } = useI18n();
  const [found, setFound] = useState<Candidates['people'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const search = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = text(new FormData(event.currentTarget), 'q');
    setError(null);
    try {
      const result = await api<Candidates>(
        `/api/sessions/${session.id}/candidates?q=${encodeURIComponent(q)}`,
      );
      setFound(result.people);
    } catch (caught) {
      setError(errorText(caught));
    }
  };
  const booked = new Set(session.participants.map((p) => p.personId));
  return (
    <section aria-labelledby="find-heading">
      <h2 id="find-heading">{legend}</h2>
      <form className="inline-form" onSubmit={(event) => void search(event)} role="search">
        <label htmlFor="find-q">{t('session.search')}</label>
        <input id="find-q" name="q" type="search" minLength={2} required />
        <button type="submit" className="secondary">
          {t('session.searchButton')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {found && found.length === 0 && <p role="status">{t('session.noMatches')}</p>}
      {found && found.length > 0 && (
        <ul className="participants">
          {found.map((person) => (
            <li key={person.id}>
              <div>
                <strong>{person.name}</strong>{' '}
                <span className="hint">
                  {[person.employeeNumber, ...person.units].filter(Boolean).join(' · ')}
                </span>
              </div>
              {!booked.has(person.id) &&
                (started ? (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() =>
                      void run(() =>
                        api(`/api/sessions/${session.id}/attendance`, {
                          method: 'PUT',
                          body: { personId: person.id, attendance: 'present', walkIn: true },
                        }),
                      )
                    }
                  >
                    {t('session.walkInPerson', { name: person.name })}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() =>
                      void run(() =>
                        api(`/api/sessions/${session.id}/bookings`, {
                          method: 'POST',
                          body: { personId: person.id },
                        }),
                      )
                    }
                  >
                    {t('session.bookPerson', { name: person.name })}
                  </button>
                ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ChangeSession({ session, onDone }: { session: SessionDetail; onDone: () => void }) {
  const { t } = useI18n();
  const [date, start] = session.startsAtLocal.split('T');
  const end = session.endsAtLocal.split('T')[1];
  return (
    <>
      <ActionForm
        legend={t('session.change')}
        submitLabel={t('session.save')}
        onDone={onDone}
        onSubmit={(form) =>
          api(`/api/sessions/${session.id}`, {
            method: 'PATCH',
            body: {
              startsAt: `${text(form, 'date')}T${text(form, 'start')}`,
              endsAt: `${text(form, 'date')}T${text(form, 'end')}`,
              place: text(form, 'place'),
              capacity: Number(formValue(form, 'capacity')),
            },
          })
        }
      >
        <label htmlFor="change-date">{t('newSession.date')}</label>
        <input id="change-date" name="date" type="date" defaultValue={date} required />
        <label htmlFor="change-start">{t('newSession.start')}</label>
        <input id="change-start" name="start" type="time" defaultValue={start} required />
        <label htmlFor="change-end">{t('newSession.end')}</label>
        <input id="change-end" name="end" type="time" defaultValue={end} required />
        <label htmlFor="change-place">{t('newSession.place')}</label>
        <input id="change-place" name="place" defaultValue={session.place ?? ''} />
        <label htmlFor="change-capacity">{t('newSession.capacity')}</label>
        <input
          id="change-capacity"
          name="capacity"
          type="number"
          min={1}
          max={1000}
          defaultValue={session.capacity}
          required
        />
      </ActionForm>
      <ActionForm
        legend={t('session.cancelSession')}
        submitLabel={t('session.cancelSession')}
        onDone={onDone}
        onSubmit={(form) =>
          api(`/api/sessions/${session.id}`, {
            method: 'PATCH',
            body: { cancel: { reason: text(form, 'reason') } },
          })
        }
      >
        <label htmlFor="cancel-reason">{t('session.cancelReason')}</label>
        <input id="cancel-reason" name="reason" required maxLength={500} />
      </ActionForm>
    </>
  );
}
