import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SMALL_GROUP, suppress, type CountedNode } from './suppression.ts';

/**
 * A tree whose people all sit in its leaves, so every parent is exactly the sum of its children:
 * the worst case for subtraction. Nodes without eligible people are left out of the figures (the
 * reader knows them as zero), so every node has at least one.
 */
interface Tree {
  nodes: CountedNode[];
}

const treeArbitrary: fc.Arbitrary<Tree> = fc
  .array(fc.record({ parent: fc.nat(), eligible: fc.integer({ min: 1, max: 12 }) }), {
    minLength: 1,
    maxLength: 18,
  })
  .map((specs) => {
    // Node i hangs under an earlier node (or is the root), like an organisation tree.
    const parentOf = specs.map((s, i) => (i === 0 ? null : `n${s.parent % i}`));
    const ids = specs.map((_, i) => `n${i}`);
    const isParent = new Set(parentOf.filter((p): p is string => p !== null));
    const eligible = new Map<string, number>();
    for (let i = specs.length - 1; i >= 0; i--) {
      const id = ids[i] as string;
      if (!isParent.has(id)) eligible.set(id, specs[i]?.eligible ?? 0);
      const parent = parentOf[i];
      if (parent) eligible.set(parent, (eligible.get(parent) ?? 0) + (eligible.get(id) ?? 0));
    }
    return {
      nodes: ids.map((id, i) => ({
        id,
        parentId: parentOf[i] ?? null,
        eligible: eligible.get(id) ?? 0,
      })),
    };
  });

/**
 * Which hidden values can the reader work out exactly? The reader knows the tree, every shown
 * value and that each parent is the sum of its children (the whole audience is the root). A
 * hidden value is determined exactly when its unit vector lies in the row space of those
 * equations — which depends only on what is hidden, so it holds for the eligible and the
 * completed counts alike.
 */
function derivable(tree: Tree, hidden: Set<string>, wholeHidden: boolean) {
  const unknown = [...hidden];
  const column = new Map(unknown.map((id, i) => [id, i]));
  const rows: number[][] = [];
  const parents = new Map<string, string[]>();
  for (const node of tree.nodes)
    if (node.parentId) parents.set(node.parentId, [...(parents.get(node.parentId) ?? []), node.id]);
  const equation = (parent: string | null, children: string[]) => {
    const row = new Array<number>(unknown.length).fill(0);
    const touch = (id: string, sign: number) => {
      const c = column.get(id);
      if (c !== undefined) row[c] = (row[c] ?? 0) + sign;
    };
    if (parent !== null) touch(parent, 1);
    for (const child of children) touch(child, -1);
    if (row.some((v) => v !== 0)) rows.push(row);
  };
  for (const [parent, children] of parents) equation(parent, children);
  // The whole audience equals the root: known unless hidden.
  const root = tree.nodes.find((n) => n.parentId === null)?.id ?? '';
  if (!wholeHidden) equation(null, [root]);
  const rank = (matrix: number[][]) => {
    const m = matrix.map((r) => [...r]);
    let r = 0;
    for (let c = 0; c < unknown.length && r < m.length; c++) {
      const pivot = m.findIndex((row, i) => i >= r && Math.abs(row[c] ?? 0) > 1e-9);
      if (pivot < 0) continue;
      [m[r], m[pivot]] = [m[pivot] as number[], m[r] as number[]];
      for (let i = 0; i < m.length; i++) {
        if (i === r) continue;
        const factor = (m[i]?.[c] ?? 0) / (m[r]?.[c] ?? 1);
        if (factor)
          m[i] = (m[i] as number[]).map((v, k) => v - factor * ((m[r] as number[])[k] ?? 0));
      }
      r += 1;
    }
    return r;
  };
  const base = rank(rows);
  return unknown.filter((id, i) => {
    const unit = unknown.map((_, k) => (k === i ? 1 : 0));
    return rank([...rows, unit]) === base;
  });
}

describe('the small-number rule', () => {
  const node = (id: string, parentId: string | null, eligible: number): CountedNode => ({
    id,
    parentId,
    eligible,
  });

  it('hides a committee of one from a board-level reader, and the next smallest beside it', () => {
    const nodes = [
      node('kf', null, 60),
      node('kfn', null, 1),
      node('sn', null, 9),
      node('bun', null, 13),
    ];
    const { hidden, wholeHidden } = suppress(
      nodes,
      { eligible: 80, seesEveryone: false },
      () => false,
    );
    expect([...hidden].sort()).toEqual(['kfn', 'sn']);
    expect(wholeHidden).toBe(false);
  });

  it('shows small units to those who may see their people', () => {
    const nodes = [node('root', null, 20), node('a', 'root', 2), node('b', 'root', 18)];
    expect(suppress(nodes, { eligible: 20, seesEveryone: true }, () => true).hidden.size).toBe(0);
    const manager = suppress(nodes, { eligible: 20, seesEveryone: false }, (id) => id === 'a');
    expect(manager.hidden.size).toBe(0);
  });

  it('hides the parent when no sibling is left to hide, and the whole when it is small', () => {
    const only = suppress(
      [node('root', null, 30), node('office', 'root', 3), node('unit', 'office', 3)],
      { eligible: 30, seesEveryone: false },
      () => false,
    );
    // All the people may sit in the office: then the municipality's figure is the office's.
    expect(only).toEqual({ hidden: new Set(['office', 'unit', 'root']), wholeHidden: true });
    const tiny = suppress(
      [node('root', null, 4)],
      { eligible: 4, seesEveryone: false },
      () => false,
    );
    expect(tiny).toEqual({ hidden: new Set(['root']), wholeHidden: true });
  });

  it('property: no hidden count can be derived from what a board-level reader gets', () => {
    fc.assert(
      fc.property(treeArbitrary, (tree) => {
        const root = tree.nodes[0] as CountedNode;
        const { hidden, wholeHidden } = suppress(
          tree.nodes,
          { eligible: root.eligible, seesEveryone: false },
          () => false,
        );
        for (const n of tree.nodes)
          if (n.eligible < SMALL_GROUP) expect(hidden.has(n.id)).toBe(true);
        expect(derivable(tree, hidden, wholeHidden)).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('property: a reader who sees some subtrees learns nothing more of the others', () => {
    fc.assert(
      fc.property(treeArbitrary, fc.nat(), (tree, pick) => {
        // The reader sees the people of one subtree (a manager): it and everything under it.
        const scope = tree.nodes[pick % tree.nodes.length]?.id ?? '';
        const parent = new Map(tree.nodes.map((n) => [n.id, n.parentId]));
        const sees = (id: string) => {
          for (let at: string | null | undefined = id; at; at = parent.get(at))
            if (at === scope) return true;
          return false;
        };
        const root = tree.nodes[0] as CountedNode;
        const { hidden, wholeHidden } = suppress(
          tree.nodes,
          { eligible: root.eligible, seesEveryone: false },
          sees,
        );
        for (const id of hidden) expect(sees(id)).toBe(false);
        // A node all of whose people the reader sees (an ancestor with only their subtree below)
        // may be worked out: it tells nothing of anyone else.
        const parents = new Set(tree.nodes.map((n) => n.parentId));
        const below = (id: string) =>
          tree.nodes.filter((n) => !parents.has(n.id) && ancestors(n.id).includes(id));
        const ancestors = (id: string) => {
          const chain: string[] = [];
          for (let at: string | null | undefined = id; at; at = parent.get(at)) chain.push(at);
          return chain;
        };
        const learnt = derivable(tree, hidden, wholeHidden).filter((id) =>
          below(id).some((leaf) => !sees(leaf.id)),
        );
        expect(learnt).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });
});
