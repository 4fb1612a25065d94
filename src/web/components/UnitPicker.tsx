import { useMemo, useState } from 'react';
import type { UnitSummary } from '../../contracts/org.ts';
import { useI18n } from '../lib/i18n.tsx';
import { UnitTree } from './UnitTree.tsx';

/**
 * Picks units from a searchable tree of only the units the caller may choose (`allowed`: all,
 * or the listed units with everything below them). The choice is sent as one `name` field per
 * unit, whatever the search shows; with `single`, one unit at most (radio buttons).
 */
export function UnitPicker({
  units,
  allowed,
  name,
  legend,
  hint,
  single = false,
  none,
  value,
  onChange,
}: {
  units: readonly UnitSummary[];
  allowed: { everyone: boolean; unitIds: readonly string[] };
  name: string;
  legend: string;
  hint: string;
  single?: boolean;
  /** What having chosen nothing means here. */
  none?: string;
  /** Controlled: the chosen units, and what to do when the choice changes. */
  value?: readonly string[];
  onChange?: (unitIds: string[]) => void;
}) {
  const { t } = useI18n();
  const [own, setOwn] = useState<ReadonlySet<string>>(new Set());
  const chosen: ReadonlySet<string> = value ? new Set(value) : own;
  const setChosen = (
    next: ReadonlySet<string> | ((current: ReadonlySet<string>) => ReadonlySet<string>),
  ) => {
    const resolved = typeof next === 'function' ? next(chosen) : next;
    if (onChange) onChange([...resolved]);
    else setOwn(resolved);
  };
  const choosable = useMemo(() => choosableUnits(units, allowed), [units, allowed]);
  const names = new Map(choosable.map((u) => [u.id, u.name]));
  const toggle = (id: string, on: boolean) =>
    setChosen((current) => {
      if (single) return new Set(on ? [id] : []);
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <fieldset className="unit-picker">
      <legend>{legend}</legend>
      <p className="hint" id={`${name}-hint`}>
        {hint}
      </p>
      <p role="status">
        {chosen.size === 0
          ? (none ?? t('unitPicker.none'))
          : t('unitPicker.chosen', { names: [...chosen].map((id) => names.get(id)).join(', ') })}
      </p>
      {single && chosen.size > 0 && (
        <button type="button" className="link-button" onClick={() => setChosen(new Set())}>
          {t('unitPicker.clear')}
        </button>
      )}
      {[...chosen].map((id) => (
        <input key={id} type="hidden" name={name} value={id} />
      ))}
      <UnitTree
        units={choosable}
        idPrefix={name}
        row={(unit) => (
          <label className="checkbox">
            <input
              type={single ? 'radio' : 'checkbox'}
              name={single ? `${name}-choice` : undefined}
              checked={chosen.has(unit.id)}
              onChange={(event) => toggle(unit.id, event.target.checked)}
            />
            {unit.name}
          </label>
        )}
      />
    </fieldset>
  );
}

/** The allowed units, below the municipality itself (choosing none means all allowed). */
function choosableUnits(
  units: readonly UnitSummary[],
  allowed: { everyone: boolean; unitIds: readonly string[] },
): UnitSummary[] {
  const below = units.filter((u) => u.kind !== 'municipality');
  if (allowed.everyone) return below;
  const children = new Map<string, string[]>();
  for (const unit of units)
    if (unit.parentId)
      children.set(unit.parentId, [...(children.get(unit.parentId) ?? []), unit.id]);
  const keep = new Set<string>();
  const stack = [...allowed.unitIds];
  while (stack.length) {
    const id = stack.pop() as string;
    if (keep.has(id)) continue;
    keep.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return below.filter((u) => keep.has(u.id));
}
