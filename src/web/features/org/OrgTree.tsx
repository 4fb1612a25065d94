import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { UnitSummary } from '../../../contracts/org.ts';
import {
  buildTree,
  matchingWithAncestors,
  subtreeTotals,
  type TreeNode,
} from '../../../domain/org-tree.ts';
import { useI18n } from '../../lib/i18n.tsx';
import { staffLabel } from './staff-label.ts';

type Node = TreeNode<UnitSummary>;

/**
 * The organisation as nested lists with disclosure buttons (WAI-ARIA disclosure pattern):
 * every unit is a link, every unit with sub-units has a button that shows or hides them.
 * Searching shows the matching units and their ancestors, expanded.
 */
export function OrgTree({ units }: { units: UnitSummary[] }) {
  const { t } = useI18n();
  const roots = useMemo(() => buildTree(units), [units]);
  const totals = useMemo(() => subtreeTotals(units, (unit) => unit.staffCount), [units]);
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(roots.map((r) => r.id)));
  const matches = useMemo(() => matchingWithAncestors(units, query), [units, query]);
  const searching = query.trim().length > 0;

  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const renderNodes = (nodes: Node[], level: number) => (
    <ul className={level === 0 ? 'tree' : undefined}>
      {nodes
        .filter((node) => !searching || matches.has(node.id))
        .map((node) => {
          const open = searching || expanded.has(node.id);
          const hasChildren = node.children.length > 0;
          return (
            <li key={node.id}>
              <div className="tree-row">
                {hasChildren ? (
                  <button
                    type="button"
                    className="disclosure"
                    aria-expanded={open}
                    aria-label={t(open ? 'org.collapse' : 'org.expand', { name: node.name })}
                    onClick={() => toggle(node.id)}
                    disabled={searching}
                  >
                    <span aria-hidden="true">{open ? '▾' : '▸'}</span>
                  </button>
                ) : (
                  <span className="disclosure-spacer" />
                )}
                <Link to={`/organisation/enheter/${node.id}`}>{node.name}</Link>
                <span className="meta">
                  {t(`kind.${node.kind}`)}
                  {` · ${staffLabel(t, totals.get(node.id) ?? 0)}`}
                </span>
              </div>
              {hasChildren && open && renderNodes(node.children, level + 1)}
            </li>
          );
        })}
    </ul>
  );

  return (
    <div>
      <div className="field">
        <label htmlFor="unit-search">{t('org.search')}</label>
        <input
          id="unit-search"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          aria-describedby="unit-search-hint"
        />
        <p id="unit-search-hint" className="hint">
          {t('org.searchHint')}
        </p>
      </div>
      {searching && matches.size === 0 ? (
        <p role="status">{t('org.noMatches', { query })}</p>
      ) : (
        renderNodes(roots, 0)
      )}
    </div>
  );
}
