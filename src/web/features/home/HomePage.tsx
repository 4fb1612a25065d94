import { Link } from 'react-router';
import type { Overview } from '../../../contracts/home.ts';
import type { MyTraining } from '../../../contracts/programmes.ts';
import type { MySessions } from '../../../contracts/sessions.ts';
import { Layout } from '../../components/Layout.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { MyDaySection } from './MyDaySection.tsx';
import { OwnedSection } from './OwnedSection.tsx';
import { TeamSection } from './TeamSection.tsx';
import { TrainerSection } from './TrainerSection.tsx';

/**
 * The start page: each role's day. What waits for the caller first, then their own training,
 * the sessions they lead, their team and the programmes they run — each part only when the
 * caller has it, each from what the server lets them see.
 */
export function HomePage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const overview = useApi<Overview>('/api/me/overview');
  const training = useApi<MyTraining>('/api/me/training');
  const sessions = useApi<MySessions>('/api/me/sessions');
  if (!me) return null;
  const failed = [overview, training, sessions].find((part) => part.state === 'error');
  const ready =
    overview.state === 'ready' && training.state === 'ready' && sessions.state === 'ready';
  return (
    <Layout title={t('home.title', { name: me.user.displayName })}>
      {failed?.state === 'error' && <LoadError error={failed.error} />}
      {!ready && !failed && <p aria-live="polite">{t('common.loading')}</p>}
      {ready && (
        <>
          <Waiting overview={overview.data} />
          <MyDaySection training={training.data} sessions={sessions.data} />
          <TrainerSection sessions={sessions.data} />
          {overview.data.team && <TeamSection team={overview.data.team} />}
          {overview.data.owned.length > 0 && <OwnedSection owned={overview.data.owned} />}
        </>
      )}
      <section aria-labelledby="roles-heading">
        <h2 id="roles-heading">{t('home.roles')}</h2>
        <ul className="roles">
          {me.grants.map((grant) => (
            <li key={`${grant.role}-${grant.scopeUnit?.id ?? ''}-${grant.scopeBody?.id ?? ''}`}>
              <strong>{t(`role.${grant.role}`)}</strong>
              {' – '}
              {grant.scopeUnit ? (
                <Link to={`/organisation/enheter/${grant.scopeUnit.id}`}>
                  {grant.scopeUnit.name}
                </Link>
              ) : grant.scopeBody ? (
                <Link to={`/organisation/organ/${grant.scopeBody.id}`}>{grant.scopeBody.name}</Link>
              ) : (
                t('home.wholeMunicipality')
              )}
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

/** What waits for the caller's action, as links; nothing when nothing waits. */
function Waiting({ overview }: { overview: Overview }) {
  const { t } = useI18n();
  const { approvals, attendanceMissing } = overview.counts;
  const overdue = overview.team?.overdue ?? 0;
  const behind = overview.owned.filter((p) =>
    p.targets.some((target) => target.overall.status === 'behind'),
  ).length;
  const items = [
    approvals > 0 && (
      <li key="approvals">
        <Link to="/godkannanden">
          {t('home.waiting.approvals', {
            count: approvals,
          })}
        </Link>
      </li>
    ),
    attendanceMissing > 0 && (
      <li key="attendance">
        <Link to="/tillfallen">
          {t('home.waiting.attendance', {
            count: attendanceMissing,
          })}
        </Link>
      </li>
    ),
    overdue > 0 && (
      <li key="overdue">
        <a href="#team-heading">
          {t('home.waiting.overdue', {
            count: overdue,
          })}
        </a>
      </li>
    ),
    behind > 0 && (
      <li key="behind">
        <a href="#owned-heading">{t('home.waiting.behind', { count: behind })}</a>
      </li>
    ),
  ].filter(Boolean);
  if (items.length === 0) return null;
  return (
    <section className="waiting" aria-labelledby="waiting-heading">
      <h2 id="waiting-heading">{t('home.waiting.title')}</h2>
      <ul>{items}</ul>
    </section>
  );
}
