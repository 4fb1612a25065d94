/**
 * The small-number rule: figures about fewer than SMALL_GROUP people are not shown to readers
 * who may not see those people, and no hidden figure can be worked out from what is shown.
 * Pure; applied to every figure before it is cached for a reader or exported (dashboards,
 * CSV/XLSX, trainers' coverage and planning, later the board report).
 */

/** Fewer eligible people than this in a group: its counts are hidden (a name could be read). */
export const SMALL_GROUP = 5;

export interface CountedNode {
  id: string;
  /** The node whose count includes this one's (null: directly under the whole audience). */
  parentId: string | null;
  eligible: number;
}

export interface Suppression {
  /** Nodes whose counts the reader does not get. */
  hidden: Set<string>;
  /** Whether the whole audience's figure is hidden too. */
  wholeHidden: boolean;
}

/**
 * Which counts a reader must not get. Primary: every node with fewer than `threshold` eligible
 * people whose people the reader may not see (`seesPeople`), and the whole audience when it is
 * that small and the reader does not see everyone. Complementary, so that no hidden count can be
 * worked out from the shown ones (a parent is the sum of its children, at worst):
 * - down: under every shown parent the hidden children are none, or at least two that together
 *   hold at least `threshold` people; otherwise the next smallest sibling is hidden too, and when
 *   none is left the parent is (a level up the rule applies again);
 * - up: a hidden node with children keeps at least one of them hidden, or its children's sum
 *   would give it away.
 * Nodes whose people the reader sees are never hidden. The same tree and reader always give the
 * same pattern.
 */
export function suppress(
  nodes: readonly CountedNode[],
  whole: { eligible: number; seesEveryone: boolean },
  seesPeople: (id: string) => boolean,
  threshold = SMALL_GROUP,
): Suppression {
  const hidden = new Set<string>();
  let wholeHidden = !whole.seesEveryone && whole.eligible < threshold;
  for (const node of nodes)
    if (node.eligible < threshold && !seesPeople(node.id)) hidden.add(node.id);
  if (hidden.size === 0 && !wholeHidden) return { hidden, wholeHidden };

  const ROOT = '';
  const known = new Set(nodes.map((n) => n.id));
  const children = new Map<string, CountedNode[]>();
  for (const node of nodes) {
    // A parent missing from the figures (the reader's figures start below it) counts as root.
    const parent = node.parentId !== null && known.has(node.parentId) ? node.parentId : ROOT;
    const list = children.get(parent) ?? [];
    list.push(node);
    children.set(parent, list);
  }
  const bySize = (a: CountedNode, b: CountedNode) =>
    a.eligible - b.eligible || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  for (const list of children.values()) list.sort(bySize);
  const hideable = (n: CountedNode) => !hidden.has(n.id) && !seesPeople(n.id);
  // A hidden node whose children all show (or are themselves so) is their sum: as good as shown.
  let determined = new Map<string, boolean>();
  const givenAway = (id: string): boolean => {
    const known = determined.get(id);
    if (known !== undefined) return known;
    const below = children.get(id) ?? [];
    const result = below.length > 0 && below.every((n) => !hidden.has(n.id) || givenAway(n.id));
    determined.set(id, result);
    return result;
  };

  for (let changed = true; changed;) {
    changed = false;
    determined = new Map();
    for (const [parent, group] of children) {
      const hiddenHere = group.filter((n) => hidden.has(n.id) && !givenAway(n.id));
      const parentShown = parent === ROOT ? !wholeHidden : !hidden.has(parent);
      if (!parentShown) {
        // Up: a hidden parent whose children all show is their sum.
        const next = group.find(hideable);
        if (hiddenHere.length === 0 && next) {
          hidden.add(next.id);
          determined = new Map();
          changed = true;
        }
        continue;
      }
      if (hiddenHere.length === 0) continue;
      let count = hiddenHere.length;
      let total = hiddenHere.reduce((sum, n) => sum + n.eligible, 0);
      while (count < 2 || total < threshold) {
        const next = group.find(hideable);
        if (!next) {
          if (parent === ROOT) wholeHidden = true;
          else hidden.add(parent);
          determined = new Map();
          changed = true;
          break;
        }
        hidden.add(next.id);
        determined = new Map();
        if (!givenAway(next.id)) {
          count += 1;
          total += next.eligible;
        }
        changed = true;
      }
    }
  }
  return { hidden, wholeHidden };
}
