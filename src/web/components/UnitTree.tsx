import { useMemo, useState, type ReactNode } from 'react';
import {
  buildTree,
  matchingWithAncestors,
  type FlatNode,
  type TreeNode,
} from '../../domain/org-tree.ts';
import { useI18n } from '../lib/i18n.tsx';

/**
 * Units as nested lists with disclosure buttons (WAI-ARIA disclosure pattern) and a search
 * box: searching shows the matching units and their ancestors, expanded. Each row is drawn by
 * `row`; the roots start open.
 */
export function UnitTree<T extends FlatNode>({
  units,
  row,
  idPrefix,
}: {
  units: readonly T[];
  row: (unit: T) => ReactNode;
  /** Makes the search field's id unique when a page has two trees. */
  idPrefix: string;
}) {
  const { t } = useI18n();
  const roots = useMemo(() => buildTree(units), [units]);
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

  const renderNodes = (nodes: TreeNode<T>[], level: number) => (
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
                {row(node)}
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
        <label htmlFor={`${idPrefix}-search`}>{t('org.search')}</label>
        <input
          id={`${idPrefix}-search`}
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          aria-describedby={`${idPrefix}-search-hint`}
        />
        <p id={`${idPrefix}-search-hint`} className="hint">
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
