import { useId, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ProgrammeProgress, TargetProgress } from '../../../contracts/programmes.ts';
import { Layout } from '../../components/Layout.tsx';
import { PageNotReady } from '../../components/PageNotReady.tsx';
import { formatDate, formatNumber } from '../../lib/dates.ts';
import { api } from '../../lib/api-client.ts';
import { formValue } from '../../lib/form.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { PeopleSection } from './PeopleSection.tsx';
import { TrendChart } from './TrendChart.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';

type Node = TargetProgress['nodes'][number];
type Figures = TargetProgress['overall'];

/** One programme's progress: every target, drill-down from municipality to unit, committees beside. */
export function DashboardPage() {
  const { t, locale } = useI18n();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const at = params.get('at') ?? '';
  const node = params.get('node') ?? '';
  const [version, setVersion] = useState(0);
  const query = new URLSearchParams({ ...(at ? { at } : {}), ...(node ? { node } : {}) });
  const progress = useApi<ProgrammeProgress>(
    `/api/programmes/${id}/progress${query.size ? `?${query.toString()}` : ''}`,
    version,
  );
  if (progress.state !== 'ready')
    return <PageNotReady title={t('programmes.title')} loadable={progress} />;
  const data = progress.data;
  const choose = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = formValue(new FormData(event.currentTarget), 'at');
    setParams({ ...(value ? { at: value } : {}), ...(node ? { node } : {}) });
  };
  const exportUrl = (format: 'csv' | 'xlsx') =>
    `/api/programmes/${id}/progress/export?format=${format}&lang=${locale}&at=${data.asOf}`;
  return (
    <Layout title={data.programme.name}>
      <p className="meta-line">
        {t(`programmeStatus.${data.programme.status}`)} ·{' '}
        {formatDate(locale, data.programme.periodStart)} –{' '}
        {formatDate(locale, data.programme.periodEnd)}
      </p>
      <div className="toolbar">
        <form className="inline-form" onSubmit={choose}>
          <label htmlFor="as-of">{t('dashboard.asOf')}</label>
          <input id="as-of" name="at" type="date" defaultValue={data.asOf} />
          <button type="submit" className="secondary">
            {t('dashboard.show')}
          </button>
        </form>
        <a href={exportUrl('csv')}>{t('dashboard.exportCsv')}</a>
        <a href={exportUrl('xlsx')}>{t('dashboard.exportXlsx')}</a>
        {data.canReadTrainers && <Link to={`/program/${id}/utbildare`}>{t('trainers.link')}</Link>}
        {data.canManage && <Link to={`/program/${id}/redigera`}>{t('editor.link')}</Link>}
        {data.canManage && <Link to={`/program/${id}/paminnelser`}>{t('reminders.link')}</Link>}
        {data.canManage && data.programme.status !== 'draft' && (
          <Link to={`/program/${id}/importera`}>{t('completionImport.link')}</Link>
        )}
        {data.canListMissing && (
          <Link to={`/program/${id}/saknas${node ? `?node=${node}` : ''}`}>
            {t('missing.link')}
          </Link>
        )}
      </div>
      {data.canManage && (
        <StatusControls
          programmeId={id}
          status={data.programme.status}
          onChanged={() => setVersion((v) => v + 1)}
        />
      )}
      {data.preview && (
        <p className="notice">
          {t('dashboard.preview', {
            count: data.preview.wouldAssign,
            date: formatDate(locale, data.preview.from),
          })}
        </p>
      )}
      {data.scopeUnitIds && <p className="notice">{t('dashboard.scoped')}</p>}
      {data.canSeePeople && <PeopleSection programmeId={id} />}
      {data.targets.map((target) => (
        <TargetSection
          key={target.code}
          target={target}
          focus={data.focus}
          path={data.path}
          draft={data.programme.status === 'draft'}
          peopleOf={data.canListMissing ? (nodeId) => `/program/${id}/saknas?node=${nodeId}` : null}
          onFocus={(next) => setParams({ ...(at ? { at } : {}), ...(next ? { node: next } : {}) })}
        />
      ))}
    </Layout>
  );
}

function StatusControls({
  programmeId,
  status,
  onChanged,
}: {
  programmeId: string;
  status: ProgrammeProgress['programme']['status'];
  onChanged: () => void;
}) {
  const { t, errorText } = useI18n();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const change = async (next: 'active' | 'ended') => {
    if (next === 'ended' && !window.confirm(t('dashboard.endConfirm'))) return;
    setError(null);
    try {
      const result = await api<{ assigned: number }>(`/api/programmes/${programmeId}/status`, {
        method: 'POST',
        body: { status: next },
      });
      if (next === 'active') setMessage(t('dashboard.activated', { assigned: result.assigned }));
      onChanged();
    } catch (caught) {
      setError(errorText(caught));
    }
  };
  return (
    <div className="notice">
      {status === 'draft' && <p>{t('dashboard.activateHint')}</p>}
      <p role="status">{message}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {status === 'draft' && (
        <button type="button" className="primary" onClick={() => void change('active')}>
          {t('dashboard.activate')}
        </button>
      )}
      {status === 'active' && (
        <button type="button" className="secondary" onClick={() => void change('ended')}>
          {t('dashboard.end')}
        </button>
      )}
    </div>
  );
}

function FiguresList({ figures, targetPercent }: { figures: Figures; targetPercent: number }) {
  const { t, locale } = useI18n();
  const n = (value: number | null) => (value === null ? '–' : formatNumber(locale, value));
  if (figures.suppressed) return <p className="notice">{t('dashboard.suppressedWhole')}</p>;
  return (
    <dl className="counts">
      <div>
        <dt>{t('dashboard.eligible')}</dt>
        <dd>{n(figures.eligible)}</dd>
      </div>
      <div>
        <dt>{t('dashboard.completed')}</dt>
        <dd>{n(figures.completed)}</dd>
      </div>
      <div>
        <dt>{t('dashboard.percent')}</dt>
        <dd>
          {n(figures.percent)} % <span className="hint">/ {n(targetPercent)} %</span>
        </dd>
      </div>
      <div>
        <dt>{t('dashboard.status')}</dt>
        <dd>
          <StatusBadge status={figures.status} />
        </dd>
      </div>
      <div>
        <dt>{t('dashboard.forecast')}</dt>
        <dd>{n(figures.forecastAtDeadline)} %</dd>
      </div>
      <div>
        <dt>{t('dashboard.paceNeeded')}</dt>
        <dd>{n(figures.paceNeeded)}</dd>
      </div>
    </dl>
  );
}

/** One target: its figures, trend, and the current level of the tree with its sub-units. */
function TargetSection({
  target,
  focus,
  path,
  draft,
  peopleOf,
  onFocus,
}: {
  target: TargetProgress;
  focus: string | null;
  path: ProgrammeProgress['path'];
  draft: boolean;
  peopleOf: ((nodeId: string) => string) | null;
  onFocus: (node: string | null) => void;
}) {
  const { t, locale } = useI18n();
  const focused = target.nodes.find((node) => node.kind === 'unit' && node.id === focus) ?? null;
  const children = target.nodes.filter((node) => node.kind === 'unit' && node.parentId === focus);
  // A unit without sub-units (a manager's own, say) is shown as its own row.
  const shown = children.length === 0 && focused ? [focused] : children;
  const bodies = target.nodes.filter((node) => node.kind === 'body');
  const headingId = `target-${target.code}`;
  const level = target.summary;
  const total = level.met + level.on_track + level.at_risk + level.behind;
  const meta = (
    <p className="meta-line">
      {t('dashboard.target', {
        percent: target.targetPercent,
        date: formatDate(locale, target.by),
      })}{' '}
      · {t(`dashboard.scope.${target.scope}`)}
    </p>
  );
  if (draft)
    return (
      <section className="target" aria-labelledby={headingId}>
        <h2 id={headingId}>{target.name}</h2>
        {meta}
        <p>{t('dashboard.draftFigures')}</p>
      </section>
    );
  return (
    <section className="target" aria-labelledby={headingId}>
      <h2 id={headingId}>{target.name}</h2>
      {meta}
      <FiguresList figures={target.overall} targetPercent={target.targetPercent} />
      {target.scope !== 'overall' && (
        <p>
          {t('dashboard.summary', {
            level: t(`dashboard.levels.${target.scope}`),
            total,
            met: level.met,
            onTrack: level.on_track,
            atRisk: level.at_risk,
            behind: level.behind,
          })}
          {target.suppressedTargetNodes > 0 &&
            ` ${t('dashboard.suppressedTargets', { count: target.suppressedTargetNodes })}`}
        </p>
      )}
      <TrendChart target={target} />
      {focused && (
        <>
          <nav
            className="breadcrumbs"
            aria-label={t('dashboard.breadcrumbs', { name: target.name })}
          >
            <ol>
              {path.map((step) => (
                <li key={step.id}>
                  <button type="button" className="link-button" onClick={() => onFocus(step.id)}>
                    {step.name}
                  </button>
                </li>
              ))}
              <li aria-current="location">{focused.name}</li>
            </ol>
          </nav>
          <h3>{focused.name}</h3>
          <NodeTable
            caption={focused.name}
            nameHeading={t('dashboard.unit')}
            nodes={shown}
            hasChildren={(node) => node.level !== 'unit'}
            onDrill={(node) => onFocus(node.id)}
            peopleOf={peopleOf}
          />
        </>
      )}
      {bodies.length > 0 && (
        <>
          <h3>{t('dashboard.bodies')}</h3>
          <NodeTable
            caption={t('dashboard.bodies')}
            nameHeading={t('dashboard.body')}
            nodes={bodies}
            peopleOf={peopleOf}
          />
        </>
      )}
    </section>
  );
}

type SortKey = 'name' | 'eligible' | 'completed' | 'percent' | 'forecastAtDeadline' | 'paceNeeded';
const STATUS_FILTERS = ['behind', 'at_risk', 'on_track', 'met'] as const;

/**
 * One level's nodes: sortable by any column (the header buttons, announced with aria-sort),
 * filterable by status, each row opening its sub-units and, for those allowed, its people.
 */
function NodeTable({
  caption,
  nameHeading,
  nodes,
  hasChildren,
  onDrill,
  peopleOf,
}: {
  caption: string;
  nameHeading: string;
  nodes: Node[];
  hasChildren?: (node: Node) => boolean;
  onDrill?: (node: Node) => void;
  peopleOf: ((nodeId: string) => string) | null;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'name',
    descending: false,
  });
  const [only, setOnly] = useState<string>('');
  if (nodes.length === 0) return <p>{t('dashboard.noNodes')}</p>;
  const n = (value: number | null) => (value === null ? '' : formatNumber(locale, value));
  const collator = new Intl.Collator(locale);
  const value = (node: Node) => (sort.key === 'name' ? node.name : node[sort.key]);
  const rows = nodes
    .filter((node) => !only || (!node.suppressed && node.status === only))
    .sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      // Suppressed and empty figures last, whichever way.
      if (x === null || y === null) return Number(x === null) - Number(y === null);
      const order =
        typeof x === 'string' && typeof y === 'string'
          ? collator.compare(x, y)
          : Number(x) - Number(y);
      return sort.descending ? -order : order;
    });
  const header = (key: SortKey, label: string, number = true) => {
    const active = sort.key === key;
    return (
      <th
        scope="col"
        className={number ? 'number' : undefined}
        aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}
      >
        <button
          type="button"
          className="sort-button"
          onClick={() => setSort({ key, descending: active ? !sort.descending : key !== 'name' })}
        >
          {label}
          <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
        </button>
      </th>
    );
  };
  return (
    <>
      <div className="inline-form">
        <label htmlFor={`${id}-only`}>{t('dashboard.only')}</label>
        <select id={`${id}-only`} value={only} onChange={(event) => setOnly(event.target.value)}>
          <option value="">{t('dashboard.onlyAll', { count: nodes.length })}</option>
          {STATUS_FILTERS.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)} (
              {nodes.filter((node) => !node.suppressed && node.status === status).length})
            </option>
          ))}
        </select>
      </div>
      {rows.length === 0 ? (
        <p role="status">{t('dashboard.noneWithStatus')}</p>
      ) : (
        <TableWrap label={caption}>
          <table>
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                {header('name', nameHeading, false)}
                {header('eligible', t('dashboard.eligible'))}
                {header('completed', t('dashboard.completed'))}
                {header('percent', t('dashboard.percent'))}
                <th scope="col">{t('dashboard.status')}</th>
                {header('forecastAtDeadline', t('dashboard.forecast'))}
                {header('paceNeeded', t('dashboard.paceNeeded'))}
              </tr>
            </thead>
            <tbody>
              {rows.map((node) => (
                <tr key={node.id} className={node.targetNode ? 'target-node' : undefined}>
                  <th scope="row">
                    {onDrill && hasChildren?.(node) ? (
                      <button
                        type="button"
                        className="link-button"
                        aria-label={t('dashboard.drill', { name: node.name })}
                        onClick={() => onDrill(node)}
                      >
                        {node.name}
                      </button>
                    ) : (
                      node.name
                    )}
                    {peopleOf && (
                      <>
                        {' '}
                        <Link
                          className="row-link"
                          to={peopleOf(node.id)}
                          aria-label={t('dashboard.peopleOf', { name: node.name })}
                        >
                          {t('dashboard.people')}
                        </Link>
                      </>
                    )}
                  </th>
                  {node.suppressed ? (
                    <td colSpan={6} className="suppressed">
                      {t('dashboard.suppressed')}
                    </td>
                  ) : (
                    <>
                      <td className="number">{n(node.eligible)}</td>
                      <td className="number">{n(node.completed)}</td>
                      <td className="number">{n(node.percent)} %</td>
                      <td>
                        <StatusBadge status={node.status} />
                      </td>
                      <td className="number">{n(node.forecastAtDeadline)} %</td>
                      <td className="number">{n(node.paceNeeded)}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

function StatusBadge({ status }: { status: Figures['status'] }) {
  const { t } = useI18n();
  if (!status) return null;
  return <span className={`badge status-${status}`}>{t(`status.${status}`)}</span>;
}
