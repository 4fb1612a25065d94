import { useState } from 'react';
import type { PeopleSearchResult } from '../../../contracts/org.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';

export interface PickedPerson {
  id: string;
  name: string;
}

/**
 * Finds a person of the register by name, employee number or e-mail and picks one; the choice
 * is sent as the `personId` field.
 */
export function PersonPicker({
  idPrefix,
  initial = null,
  framed = true,
}: {
  idPrefix: string;
  initial?: PickedPerson | null;
  /** In its own fieldset with a legend (false: inside a form that has one). */
  framed?: boolean;
}) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<PickedPerson | null>(initial);
  const Frame = framed ? 'fieldset' : 'div';
  return (
    <Frame className="person-picker">
      {framed && <legend>{t('person.pick')}</legend>}
      <p className="hint" id={`${idPrefix}-hint`}>
        {t('person.pickHint')}
      </p>
      <p role="status">{chosen ? t('person.chosen', { name: chosen.name }) : t('person.none')}</p>
      {chosen && (
        <button type="button" className="link-button" onClick={() => setChosen(null)}>
          {t('person.remove')}
        </button>
      )}
      <input type="hidden" name="personId" value={chosen?.id ?? ''} />
      <div className="field">
        <label htmlFor={`${idPrefix}-q`}>{t('person.search')}</label>
        <input
          id={`${idPrefix}-q`}
          type="search"
          value={query}
          aria-describedby={`${idPrefix}-hint`}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      {query.trim().length >= 2 && (
        <Matches
          q={query.trim()}
          onPick={(person) => {
            setChosen(person);
            setQuery('');
          }}
        />
      )}
    </Frame>
  );
}

function Matches({ q, onPick }: { q: string; onPick: (person: PickedPerson) => void }) {
  const { t } = useI18n();
  const found = useApi<PeopleSearchResult>(`/api/org/people?q=${encodeURIComponent(q)}`);
  if (found.state === 'loading') return null;
  if (found.state === 'error') return <LoadError error={found.error} />;
  if (found.data.people.length === 0) return <p>{t('person.noMatch')}</p>;
  return (
    <ul className="person-matches">
      {found.data.people.slice(0, 10).map((person) => (
        <li key={person.id}>
          <button
            type="button"
            className="secondary"
            onClick={() => onPick({ id: person.id, name: person.name })}
          >
            {t('person.choose', { name: person.name })}
          </button>{' '}
          <span className="hint">
            {[person.employeeNumber, person.email, ...person.places].filter(Boolean).join(' · ')}
          </span>
        </li>
      ))}
    </ul>
  );
}
