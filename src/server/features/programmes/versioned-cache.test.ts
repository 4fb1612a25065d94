import { describe, expect, it } from 'vitest';
import { createVersionedCache } from './versioned-cache.ts';

describe('versioned cache', () => {
  it('computes once for every reader asking at the same version meanwhile', async () => {
    const cache = createVersionedCache<number>({ capacity: 10 });
    let computations = 0;
    const compute = async () => {
      computations += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return 42;
    };
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => cache.getOrCompute('k', 7, compute)),
    );
    expect(answers.every((a) => a === 42)).toBe(true);
    expect(computations).toBe(1);
    expect(await cache.getOrCompute('k', 7, compute)).toBe(42);
    expect(computations).toBe(1);
  });

  it('recomputes when the data version moves, and keeps no failure', async () => {
    const cache = createVersionedCache<string>({ capacity: 10 });
    expect(await cache.getOrCompute('k', 1, () => Promise.resolve('old'))).toBe('old');
    expect(await cache.getOrCompute('k', 2, () => Promise.resolve('new'))).toBe('new');
    await expect(
      cache.getOrCompute('j', 2, () => Promise.reject(new Error('down'))),
    ).rejects.toThrow('down');
    expect(await cache.getOrCompute('j', 2, () => Promise.resolve('up'))).toBe('up');
  });

  it('lets the least recently used entry go when full', async () => {
    const cache = createVersionedCache<string>({ capacity: 2 });
    let computed = 0;
    const value = (v: string) => () => {
      computed += 1;
      return Promise.resolve(v);
    };
    await cache.getOrCompute('a', 1, value('a'));
    await cache.getOrCompute('b', 1, value('b'));
    await cache.getOrCompute('a', 1, value('a'));
    await cache.getOrCompute('c', 1, value('c'));
    expect(computed).toBe(3);
    await cache.getOrCompute('b', 1, value('b'));
    expect(computed).toBe(4);
  });

  it('keeps the total weight under the capacity', async () => {
    const cache = createVersionedCache<string>({ capacity: 10, weigh: (v) => v.length });
    let computed = 0;
    const value = (v: string) => () => {
      computed += 1;
      return Promise.resolve(v);
    };
    await cache.getOrCompute('a', 1, value('aaaa'));
    await cache.getOrCompute('b', 1, value('bbbb'));
    await cache.getOrCompute('c', 1, value('cccc'));
    expect(computed).toBe(3);
    // a went to make room (4 + 4 + 4 > 10); b and c stay.
    await cache.getOrCompute('c', 1, value('cccc'));
    await cache.getOrCompute('b', 1, value('bbbb'));
    expect(computed).toBe(3);
    await cache.getOrCompute('a', 1, value('aaaa'));
    expect(computed).toBe(4);
  });
});
