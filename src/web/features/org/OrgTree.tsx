import { useMemo } from 'react';
import { Link } from 'react-router';
import type { UnitSummary } from '../../../contracts/org.ts';
import { subtreeTotals } from '../../../domain/org-tree.ts';
import { UnitTree } from '../../components/UnitTree.tsx';
import { useI18n } from '../../lib/i18n.tsx';

/** The organisation: every unit a link, with its kind and the staff of its whole subtree. */
export function OrgTree({ units }: { units: UnitSummary[] }) {
  const { t } = useI18n();
  const totals = useMemo(() => subtreeTotals(units, (unit) => unit.staffCount), [units]);
  return (
    <UnitTree
      units={units}
      idPrefix="unit"
      row={(node) => (
        <>
          <Link to={`/organisation/enheter/${node.id}`}>{node.name}</Link>
          <span className="meta">
            {t(`kind.${node.kind}`)}
            {` · ${t('org.staff', { count: totals.get(node.id) ?? 0 })}`}
          </span>
        </>
      )}
    />
  );
}
