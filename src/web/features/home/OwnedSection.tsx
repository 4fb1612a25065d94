import { Link } from 'react-router';
import type { OwnedProgramme } from '../../../contracts/home.ts';
import { formatDate, formatNumber } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n.tsx';

/** A programme owner's programmes: where each target stands and what needs their action. */
export function OwnedSection({ owned }: { owned: OwnedProgramme[] }) {
  const { t, locale } = useI18n();
  return (
    <section aria-labelledby="owned-heading">
      <h2 id="owned-heading">{t('home.owned.title')}</h2>
      <ul className="owned">
        {owned.map(({ programme, assigned, targets, unitsWithoutTrainer }) => (
          <li key={programme.id} className="card wide">
            <h3>
              <Link to={`/program/${programme.id}`}>{programme.name}</Link>
            </h3>
            <p className="meta-line">
              {programme.status === 'draft'
                ? t('home.owned.draft')
                : t('home.owned.assigned', { count: assigned })}
            </p>
            {programme.status === 'active' && (
              <ul className="day-list">
                {targets.map((target) => (
                  <li key={target.code}>
                    {target.name}
                    <span className="meta-line">
                      {target.overall.percent === null
                        ? t('home.hidden')
                        : t('home.owned.standing', {
                            percent: formatNumber(locale, target.overall.percent),
                            target: target.targetPercent,
                            date: formatDate(locale, target.by),
                          })}{' '}
                      {target.overall.status && (
                        <span className={`badge status-${target.overall.status}`}>
                          {t(`status.${target.overall.status}`)}
                        </span>
                      )}
                      {target.behindNodes > 0 &&
                        ` ${t('home.owned.behindNodes', { count: target.behindNodes })}`}
                      {target.atRiskNodes > 0 &&
                        ` ${t('home.owned.atRiskNodes', { count: target.atRiskNodes })}`}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {unitsWithoutTrainer !== null && unitsWithoutTrainer > 0 && (
              <p>
                <Link to={`/program/${programme.id}/utbildare`}>
                  {t('home.owned.noTrainer', { count: unitsWithoutTrainer })}
                </Link>
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
