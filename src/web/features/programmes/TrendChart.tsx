import { useId } from 'react';
import type { TargetProgress } from '../../../contracts/programmes.ts';
import { formatNumber } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';

const WIDTH = 640;
const HEIGHT = 200;
const PAD = 28;

/**
 * Share done at the end of each month, with the target as a line. The picture is described by
 * its label and the same numbers are in a table beside it, for screen readers and for copying.
 */
export function TrendChart({ target }: { target: TargetProgress }) {
  const { t, locale } = useI18n();
  const titleId = useId();
  const { trend, overall } = target;
  if (trend.length === 0) return null;
  const share = (cumulative: number) =>
    overall.eligible ? Math.min(100, (cumulative / overall.eligible) * 100) : 0;
  const slot = (WIDTH - PAD * 2) / trend.length;
  const y = (percent: number) => HEIGHT - PAD - (percent / 100) * (HEIGHT - PAD * 2);
  return (
    <figure className="trend">
      <figcaption id={titleId}>{t('dashboard.trend')}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={t('dashboard.chartLabel', {
          target: target.name,
          percent: target.targetPercent,
        })}
      >
        <line x1={PAD} x2={WIDTH - PAD} y1={y(0)} y2={y(0)} className="axis" />
        {trend.map((point, i) => (
          <rect
            key={point.month}
            x={PAD + i * slot + slot * 0.15}
            width={slot * 0.7}
            y={y(share(point.cumulative))}
            height={y(0) - y(share(point.cumulative))}
            className="bar"
          />
        ))}
        <line
          x1={PAD}
          x2={WIDTH - PAD}
          y1={y(target.targetPercent)}
          y2={y(target.targetPercent)}
          className="target-line"
        />
        <text x={WIDTH - PAD} y={y(target.targetPercent) - 4} textAnchor="end" className="label">
          {formatNumber(locale, target.targetPercent)} %
        </text>
        <text x={PAD} y={HEIGHT - 8} className="label">
          {trend[0]?.month}
        </text>
        <text x={WIDTH - PAD} y={HEIGHT - 8} textAnchor="end" className="label">
          {trend[trend.length - 1]?.month}
        </text>
      </svg>
      <details>
        <summary>{t('dashboard.trendTable')}</summary>
        <TableWrap label={t('dashboard.trend')}>
          <table>
            <caption className="visually-hidden">{t('dashboard.trend')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.month')}</th>
                <th scope="col" className="number">
                  {t('dashboard.monthCompleted')}
                </th>
                <th scope="col" className="number">
                  {t('dashboard.cumulative')}
                </th>
                <th scope="col" className="number">
                  {t('dashboard.percent')}
                </th>
              </tr>
            </thead>
            <tbody>
              {trend.map((point) => (
                <tr key={point.month}>
                  <th scope="row">{point.month}</th>
                  <td className="number">{formatNumber(locale, point.completed)}</td>
                  <td className="number">{formatNumber(locale, point.cumulative)}</td>
                  <td className="number">
                    {formatNumber(locale, Math.round(share(point.cumulative) * 10) / 10)} %
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </details>
    </figure>
  );
}
