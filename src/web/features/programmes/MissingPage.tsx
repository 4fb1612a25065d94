import type { FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { MissingList } from '../../../contracts/programmes.ts';
import { Layout } from '../../components/Layout.tsx';
import { PageNotReady } from '../../components/PageNotReady.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';
import { formatDate } from '../../lib/dates.ts';
import { formValue } from '../../lib/form.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';

const PAGE = 100;
const STATUSES = ['overdue', 'assigned', 'booked', 'done', 'exempt'] as const;

/**
 * Who is missing: everyone assigned below a node, person by person, with where each stands on
 * every course; filtered by status and name, a page at a time, exported whole as CSV or XLSX.
 */
export function MissingPage() {
  const { t, locale } = useI18n();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const filter = {
    node: params.get('node') ?? '',
    status: params.get('status') ?? '',
    q: params.get('q') ?? '',
  };
  const offset = Number(params.get('offset') ?? 0) || 0;
  const query = new URLSearchParams(Object.entries(filter).filter(([, value]) => value !== ''));
  const list = useApi<MissingList>(
    `/api/programmes/${id}/missing?${query.toString()}&offset=${offset}&limit=${PAGE}`,
  );
  if (list.state !== 'ready') return <PageNotReady title={t('missing.title')} loadable={list} />;
  const data = list.data;
  const title = data.node ? t('missing.titleOf', { place: data.node.name }) : t('missing.title');
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = {
      node: filter.node,
      status: formValue(form, 'status'),
      q: formValue(form, 'q'),
    };
    setParams(Object.fromEntries(Object.entries(next).filter(([, value]) => value)));
  };
  const exportUrl = (format: 'csv' | 'xlsx') =>
    `/api/programmes/${id}/missing/export?${query.toString()}${query.size ? '&' : ''}format=${format}&lang=${locale}`;
  const page = (to: number) =>
    setParams(
      Object.fromEntries(
        Object.entries({ ...filter, offset: to ? String(to) : '' }).filter(([, value]) => value),
      ),
    );
  const all = STATUSES.reduce((sum, s) => sum + data.counts[s], 0);
  return (
    <Layout title={title}>
      <nav aria-label={t('unit.breadcrumb')} className="breadcrumbs">
        <ol>
          <li>
            <Link to="/program">{t('programmes.title')}</Link>
          </li>
          <li>
            <Link to={`/program/${id}`}>{data.programme.name}</Link>
          </li>
          <li aria-current="page">{title}</li>
        </ol>
      </nav>
      <p className="lead">{t('missing.intro', { date: formatDate(locale, data.asOf) })}</p>
      <form className="toolbar" onSubmit={apply} role="search" aria-label={t('missing.filter')}>
        <div className="field">
          <label htmlFor="missing-status">{t('table.status')}</label>
          <select id="missing-status" name="status" defaultValue={filter.status}>
            <option value="">{t('missing.all', { count: all })}</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`missing.status.${status}`)} ({data.counts[status]})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="missing-q">{t('missing.search')}</label>
          <input id="missing-q" name="q" type="search" defaultValue={filter.q} />
        </div>
        <button type="submit" className="secondary">
          {t('missing.apply')}
        </button>
        <a href={exportUrl('csv')}>{t('dashboard.exportCsv')}</a>
        <a href={exportUrl('xlsx')}>{t('dashboard.exportXlsx')}</a>
      </form>
      <p role="status">
        {data.total === 0
          ? t('missing.none')
          : t('missing.showing', {
              from: data.offset + 1,
              to: data.offset + data.people.length,
              total: data.total,
            })}
      </p>
      {data.people.length > 0 && (
        <TableWrap label={title}>
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('table.name')}</th>
                <th scope="col">{t('missing.place')}</th>
                <th scope="col">{t('home.team.due')}</th>
                <th scope="col">{t('table.status')}</th>
                {data.courses.map((course) => (
                  <th key={course.id} scope="col">
                    {course.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.people.map((person) => (
                <tr key={person.id} className={person.status === 'overdue' ? 'late' : undefined}>
                  <th scope="row">
                    <Link to={`/organisation/personer/${person.id}`}>{person.name}</Link>
                    {person.employeeNumber && (
                      <span className="hint"> {person.employeeNumber}</span>
                    )}
                  </th>
                  <td>
                    {person.place.name}
                    {person.place.office && person.place.office !== person.place.name && (
                      <span className="hint"> · {person.place.office}</span>
                    )}
                  </td>
                  <td>{person.dueOn ? formatDate(locale, person.dueOn) : '–'}</td>
                  <td>
                    <span className={`badge missing-${person.status}`}>
                      {t(`missing.status.${person.status}`)}
                    </span>
                    {person.exemptReason && <span className="hint"> {person.exemptReason}</span>}
                  </td>
                  {person.courses.map((course, i) => (
                    <td key={data.courses[i]?.id ?? i}>
                      {t(`missing.course.${course.state}`)}
                      {course.date && ` ${formatDate(locale, course.date)}`}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {data.total > PAGE && (
        <div className="actions">
          <button
            type="button"
            className="secondary"
            disabled={offset === 0}
            onClick={() => page(Math.max(0, offset - PAGE))}
          >
            {t('missing.previous')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={offset + PAGE >= data.total}
            onClick={() => page(offset + PAGE)}
          >
            {t('missing.next')}
          </button>
        </div>
      )}
    </Layout>
  );
}
