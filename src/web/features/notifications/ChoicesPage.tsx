import { useState, type FormEvent } from 'react';
import type { NotificationChoicesBody } from '../../../contracts/notifications.ts';
import { Layout } from '../../components/Layout.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { api } from '../../lib/api-client.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const hourText = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** The caller's own choices of what reaches them by e-mail, and when. */
export function ChoicesPage() {
  const { t } = useI18n();
  const loaded = useApi<NotificationChoicesBody>('/api/me/notification-choices');
  return (
    <Layout title={t('choices.title')}>
      <p>{t('choices.intro')}</p>
      <p className="notice">{t('choices.mandatory')}</p>
      {loaded.state === 'loading' && <p role="status">{t('notifications.loading')}</p>}
      {loaded.state === 'error' && <LoadError error={loaded.error} />}
      {loaded.state === 'ready' && <ChoicesForm initial={loaded.data} />}
    </Layout>
  );
}

function ChoicesForm({ initial }: { initial: NotificationChoicesBody }) {
  const { t, errorText } = useI18n();
  const [choices, setChoices] = useState(initial);
  const [quiet, setQuiet] = useState(initial.quietFrom !== null);
  const [status, setStatus] = useState<{ saved: boolean; error: string | null }>({
    saved: false,
    error: null,
  });
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<NotificationChoicesBody>) => {
    setChoices((current) => ({ ...current, ...change }));
    setStatus({ saved: false, error: null });
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    try {
      const body = quiet
        ? {
            ...choices,
            quietFrom: choices.quietFrom ?? '20:00',
            quietTo: choices.quietTo ?? '07:00',
          }
        : { ...choices, quietFrom: null, quietTo: null };
      await api('/api/me/notification-choices', { method: 'PUT', body });
      setStatus({ saved: true, error: null });
    } catch (caught) {
      setStatus({ saved: false, error: errorText(caught) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="choices-form" onSubmit={(event) => void submit(event)}>
      <div className="choice">
        <input
          id="choice-email"
          type="checkbox"
          checked={choices.email}
          onChange={(event) => set({ email: event.target.checked })}
        />
        <label htmlFor="choice-email">{t('choices.email')}</label>
      </div>
      <fieldset disabled={!choices.email}>
        <legend>{t('choices.cadence')}</legend>
        {(['immediate', 'daily', 'weekly'] as const).map((cadence) => (
          <div className="choice" key={cadence}>
            <input
              id={`cadence-${cadence}`}
              type="radio"
              name="cadence"
              value={cadence}
              checked={choices.cadence === cadence}
              onChange={() => set({ cadence })}
            />
            <label htmlFor={`cadence-${cadence}`}>{t(`choices.cadence.${cadence}`)}</label>
          </div>
        ))}
        {choices.cadence === 'weekly' && (
          <div className="field">
            <label htmlFor="choice-weekday">{t('choices.weekday')}</label>
            <select
              id="choice-weekday"
              value={choices.digestWeekday}
              onChange={(event) => set({ digestWeekday: Number(event.target.value) })}
            >
              {WEEKDAYS.map((day) => (
                <option key={day} value={day}>
                  {t(`choices.weekday.${day}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        {choices.cadence !== 'immediate' && (
          <div className="field">
            <label htmlFor="choice-hour">{t('choices.hour')}</label>
            <select
              id="choice-hour"
              value={choices.digestHour}
              onChange={(event) => set({ digestHour: Number(event.target.value) })}
            >
              {HOURS.map((hour) => (
                <option key={hour} value={hour}>
                  {hourText(hour)}
                </option>
              ))}
            </select>
          </div>
        )}
      </fieldset>
      <fieldset disabled={!choices.email}>
        <legend>{t('choices.quiet')}</legend>
        <div className="choice">
          <input
            id="choice-quiet"
            type="checkbox"
            checked={quiet}
            onChange={(event) => {
              setQuiet(event.target.checked);
              setStatus({ saved: false, error: null });
            }}
          />
          <label htmlFor="choice-quiet">{t('choices.quietOn')}</label>
        </div>
        {quiet && (
          <div className="columns">
            <div className="field">
              <label htmlFor="choice-quiet-from">{t('choices.quietFrom')}</label>
              <input
                id="choice-quiet-from"
                type="time"
                required
                value={choices.quietFrom ?? '20:00'}
                onChange={(event) => set({ quietFrom: event.target.value || null })}
              />
            </div>
            <div className="field">
              <label htmlFor="choice-quiet-to">{t('choices.quietTo')}</label>
              <input
                id="choice-quiet-to"
                type="time"
                required
                value={choices.quietTo ?? '07:00'}
                onChange={(event) => set({ quietTo: event.target.value || null })}
              />
            </div>
          </div>
        )}
        <div className="field">
          <label htmlFor="choice-cap">{t('choices.cap')}</label>
          <input
            id="choice-cap"
            type="number"
            min={1}
            max={50}
            required
            value={choices.dailyCap}
            onChange={(event) => set({ dailyCap: Number(event.target.value) })}
          />
          <p className="hint">{t('choices.capHint')}</p>
        </div>
      </fieldset>
      {status.error && (
        <p className="error" role="alert">
          {status.error}
        </p>
      )}
      <p role="status">{status.saved ? t('choices.saved') : ''}</p>
      <button type="submit" className="primary" disabled={busy}>
        {t('choices.save')}
      </button>
    </form>
  );
}
