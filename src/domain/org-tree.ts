/** Pure helpers for the organisation tree, shared by server and web. */

export interface FlatNode {
  id: string;
  parentId: string | null;
  name: string;
}

export type TreeNode<T extends FlatNode> = T & { children: TreeNode<T>[] };

/**
 * Builds a forest from a flat list in one pass. Children are sorted by name (Swedish
 * collation); a node whose parent is missing from the list becomes a root.
 */
export function buildTree<T extends FlatNode>(nodes: readonly T[]): TreeNode<T>[] {
  const byId = new Map<string, TreeNode<T>>();
  for (const node of nodes) byId.set(node.id, { ...node, children: [] });
  const roots: TreeNode<T>[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId === null ? undefined : byId.get(node.parentId);
    (parent ? parent.children : roots).push(node);
  }
  const collator = new Intl.Collator('sv');
  const sort = (list: TreeNode<T>[]) => {
    list.sort((a, b) => collator.compare(a.name, b.name));
    for (const child of list) sort(child.children);
  };
  sort(roots);
  return roots;
}

/** The chain from `id` up to its root, `id` first. Stops on a cycle instead of looping. */
export function ancestry<T extends FlatNode>(nodes: ReadonlyMap<string, T>, id: string): T[] {
  const chain: T[] = [];
  const seen = new Set<string>();
  let current = nodes.get(id);
  while (current && !seen.has(current.id)) {
    chain.push(current);
    seen.add(current.id);
    current = current.parentId === null ? undefined : nodes.get(current.parentId);
  }
  return chain;
}

/** Ids of the nodes that match `query` (case-insensitive) and of all their ancestors. */
export function matchingWithAncestors<T extends FlatNode>(
  nodes: readonly T[],
  query: string,
): Set<string> {
  const needle = query.trim().toLocaleLowerCase('sv');
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const keep = new Set<string>();
  if (!needle) return keep;
  for (const node of nodes) {
    if (node.name.toLocaleLowerCase('sv').includes(needle)) {
      for (const ancestor of ancestry(byId, node.id)) keep.add(ancestor.id);
    }
  }
  return keep;
}

/** Sums `value` over each node's whole subtree, in one pass over the list. */
export function subtreeTotals<T extends FlatNode>(
  nodes: readonly T[],
  value: (node: T) => number,
): Map<string, number> {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  for (const node of nodes) {
    const amount = value(node);
    for (const ancestor of ancestry(byId, node.id)) {
      totals.set(ancestor.id, (totals.get(ancestor.id) ?? 0) + amount);
    }
  }
  return totals;
}
