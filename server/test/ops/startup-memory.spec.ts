import { getHeapSpaceStatistics } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { releaseStartupMemory } from '../../src/ops/startup-memory';

const newSpaceSize = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')!.space_size;

describe('releaseStartupMemory', () => {
  it('shrinks the young generation that a burst of allocation grew, and leaves no gc global, here or in a context made later', () => {
    const hadGlobalGc = typeof (globalThis as { gc?: unknown }).gc;
    // A start-up-like burst: many short-lived objects, some of them surviving a scavenge or two.
    let keep: unknown[] = [];
    for (let round = 0; round < 200; round++) {
      keep = Array.from({ length: 20_000 }, (_, i) => ({ round, i, label: `item-${i}` }));
    }
    expect(keep).toHaveLength(20_000);
    keep = [];
    const grown = newSpaceSize();
    const released = releaseStartupMemory();
    expect(newSpaceSize()).toBeLessThan(grown);
    expect(released.rssBefore).toBeGreaterThan(0);
    expect(released.rssAfter).toBeGreaterThan(0);
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe(hadGlobalGc);
    expect(runInNewContext('typeof gc')).toBe('undefined');
  });
});
