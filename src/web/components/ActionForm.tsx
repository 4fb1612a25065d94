import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../lib/i18n.tsx';

/**
 * A small form that sends one change: shows the server's message (which names the field) on
 * failure and a status line on success, then lets the page reload what changed.
 */
export function ActionForm({
  legend,
  submitLabel,
  onSubmit,
  onDone,
  children,
}: {
  legend: string;
  submitLabel: string;
  onSubmit: (form: FormData) => Promise<unknown>;
  onDone: () => void;
  children: ReactNode;
}) {
  const { t, errorText } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await onSubmit(form);
      setSaved(true);
      onDone();
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="action-form"
      onSubmit={(event) => void submit(event)}
      aria-describedby={error ? errorId : undefined}
    >
      <fieldset>
        <legend>{legend}</legend>
        {children}
        {error && (
          <p id={errorId} className="error" role="alert">
            {error}
          </p>
        )}
        {saved && <p role="status">{t('edit.saved')}</p>}
        <button type="submit" className="secondary" disabled={busy}>
          {submitLabel}
        </button>
      </fieldset>
    </form>
  );
}
