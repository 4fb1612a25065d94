import type { ChangeLabel, ImportCounts } from '../../../contracts/imports.ts';
import { useI18n } from '../../lib/i18n.tsx';

export function Counts({ counts, errors }: { counts: ImportCounts; errors: number }) {
  const { t } = useI18n();
  const items: [string, number][] = [
    [t('import.counts.created'), counts.created],
    [t('import.counts.updated'), counts.updated],
    [t('import.counts.ended'), counts.ended],
    [t('import.counts.unchanged'), counts.unchanged],
    [t('import.counts.errors'), errors],
  ];
  return (
    <dl className="counts">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value.toLocaleString('sv-SE')}</dd>
        </div>
      ))}
    </dl>
  );
}

/** In the order the preview's filter lists them (a plain list: importing the zod enum would put zod in the bundle). */
export const LABELS: readonly ChangeLabel[] = [
  'joiner',
  'mover',
  'changed',
  'leaver',
  'created',
  'closed',
  'kept_open',
  'ended',
];
