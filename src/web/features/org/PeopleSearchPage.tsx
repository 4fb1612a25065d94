import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { PeopleSearchResult } from '../../../contracts/org.ts';
import { Layout } from '../../components/Layout.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { text } from '../../lib/form.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';

/**
 * Finds people across the organisation by name, employee number or e-mail, among those the
 * caller may see; the words typed are kept in the address, so a result can be shared and the
 * back button returns to it.
 */
export function PeopleSearchPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const searching = q.trim().length >= 2;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setParams({ q: text(new FormData(event.currentTarget), 'q') });
  };
  return (
    <Layout title={t('peopleSearch.title')}>
      <form className="inline-form" role="search" onSubmit={submit}>
        <label htmlFor="people-q">{t('peopleSearch.label')}</label>
        <input
          id="people-q"
          name="q"
          type="search"
          defaultValue={q}
          minLength={2}
          required
          aria-describedby="people-q-hint"
        />
        <button type="submit" className="primary">
          {t('session.searchButton')}
        </button>
      </form>
      <p id="people-q-hint" className="hint">
        {t('peopleSearch.hint')}
      </p>
      {searching && <Results q={q.trim()} />}
    </Layout>
  );
}

function Results({ q }: { q: string }) {
  const { t } = useI18n();
  const found = useApi<PeopleSearchResult>(`/api/org/people?q=${encodeURIComponent(q)}`);
  if (found.state === 'loading') return <p role="status">{t('peopleSearch.searching')}</p>;
  if (found.state === 'error') return <LoadError error={found.error} />;
  const { people, more } = found.data;
  return (
    <section aria-labelledby="people-results">
      <h2 id="people-results">{t('peopleSearch.results', { count: people.length, q })}</h2>
      {more && <p className="notice">{t('peopleSearch.more')}</p>}
      {people.length === 0 ? (
        <p role="status">{t('peopleSearch.none')}</p>
      ) : (
        <ul className="people-results">
          {people.map((person) => (
            <li key={person.id}>
              <Link to={`/organisation/personer/${person.id}`}>{person.name}</Link>{' '}
              <span className="hint">
                {[person.employeeNumber, person.email, ...person.places]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
