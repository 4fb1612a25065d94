import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ancestry,
  buildTree,
  matchingWithAncestors,
  subtreeTotals,
  type FlatNode,
} from './org-tree.ts';

const nodes: FlatNode[] = [
  { id: 'root', parentId: null, name: 'Älvsala kommun' },
  { id: 'kfk', parentId: 'root', name: 'Kultur- och fritidskontoret' },
  { id: 'bmk', parentId: 'root', name: 'Bygg- och miljökontoret' },
  { id: 'lib', parentId: 'kfk', name: 'Biblioteken' },
  { id: 'lib1', parentId: 'lib', name: 'Biblioteket Åsen' },
  { id: 'lib2', parentId: 'lib', name: 'Biblioteket Ängsvik' },
];

describe('buildTree', () => {
  it('nests children under parents, sorted in Swedish order (Å before Ä)', () => {
    const [root] = buildTree(nodes);
    expect(root?.children.map((c) => c.id)).toEqual(['bmk', 'kfk']);
    const library = root?.children[1]?.children[0];
    expect(library?.children.map((c) => c.name)).toEqual([
      'Biblioteket Åsen',
      'Biblioteket Ängsvik',
    ]);
  });

  it('property: every node appears exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(20), { maxLength: 40 }), (parents) => {
        const flat = parents.map((p, i) => ({
          id: `n${i}`,
          parentId: p < i ? `n${p}` : null,
          name: `N${i}`,
        }));
        const seen: string[] = [];
        const walk = (list: ReturnType<typeof buildTree<FlatNode>>) => {
          for (const node of list) {
            seen.push(node.id);
            walk(node.children);
          }
        };
        walk(buildTree(flat));
        expect(seen.sort()).toEqual(flat.map((n) => n.id).sort());
      }),
    );
  });
});

describe('ancestry', () => {
  it('walks from a unit to the root', () => {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    expect(ancestry(byId, 'lib1').map((n) => n.id)).toEqual(['lib1', 'lib', 'kfk', 'root']);
  });

  it('stops on a cycle instead of looping forever', () => {
    const cyclic = new Map<string, FlatNode>([
      ['a', { id: 'a', parentId: 'b', name: 'A' }],
      ['b', { id: 'b', parentId: 'a', name: 'B' }],
    ]);
    expect(ancestry(cyclic, 'a').map((n) => n.id)).toEqual(['a', 'b']);
  });
});

describe('matchingWithAncestors', () => {
  it('keeps matches and their ancestors, case-insensitively', () => {
    expect([...matchingWithAncestors(nodes, 'ängsvik')].sort()).toEqual([
      'kfk',
      'lib',
      'lib2',
      'root',
    ]);
  });

  it('matches nothing for an empty query', () => {
    expect(matchingWithAncestors(nodes, '  ').size).toBe(0);
  });
});

describe('subtreeTotals', () => {
  it("adds every node's value to itself and all its ancestors", () => {
    const staff: Record<string, number> = { root: 1, kfk: 1, bmk: 1, lib: 1, lib1: 10, lib2: 5 };
    const totals = subtreeTotals(nodes, (node) => staff[node.id] ?? 0);
    expect(totals.get('lib')).toBe(16);
    expect(totals.get('kfk')).toBe(17);
    expect(totals.get('root')).toBe(19);
    expect(totals.get('lib2')).toBe(5);
  });
});
