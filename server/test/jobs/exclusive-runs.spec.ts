import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckRunLifecycle } from '../../src/domain/integrity/check-run-lifecycle.service';
import type { IntegrityQueue } from '../../src/jobs/integrity-queue';
import { runs, type RunRow, type Sql } from '../support/sql-fixtures';
import { waitFor } from '../support/wait-for';
import { startTwoPacedWorkers, type TwoWorkers } from './support/two-paced-workers';

function overlaps(all: RunRow[]): Array<[number, number]> {
  const sorted = [...all].filter((r) => r.started_at).sort((a, b) => a.started_at!.getTime() - b.started_at!.getTime());
  const pairs: Array<[number, number]> = [];
  for (let i = 1; i < sorted.length; i += 1) {
    if (sorted[i]!.started_at! < sorted[i - 1]!.finished_at!) pairs.push([sorted[i - 1]!.id, sorted[i]!.id]);
  }
  return pairs;
}

describe('when two worker processes share the integrity queue', () => {
  let sql: Sql;
  let checkRuns: CheckRunLifecycle;
  let queue: IntegrityQueue;
  let stack: TwoWorkers | undefined;

  beforeAll(async () => {
    stack = await startTwoPacedWorkers();
    ({ sql, checkRuns, queue } = stack);
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('gives two admins clicking at once the same run, and a click during the run that run again', async () => {
    const [first, second] = await Promise.all([checkRuns.requestCheck('MANUAL'), checkRuns.requestCheck('MANUAL')]);
    expect(second.id).toBe(first.id);
    expect(first.state).toBe('QUEUED');

    await waitFor(async () => (await runs(sql)).find((r) => r.id === first.id && r.state === 'RUNNING'), 15_000);
    const during = await checkRuns.requestCheck('MANUAL');
    expect(during.id).toBe(first.id);
    expect(during.state).toBe('RUNNING');

    // A sync requested meanwhile is its own run, itself deduplicated, and waits its turn.
    const [syncA, syncB] = await Promise.all([checkRuns.requestAutoSync(), checkRuns.requestAutoSync()]);
    expect(syncA.id).toBe(syncB.id);
    expect(syncA.id).not.toBe(first.id);
    expect(await queue.queueDepth()).toBeGreaterThanOrEqual(1);
    expect(await queue.workersOnline()).toBe(2);

    await waitFor(async () => (await runs(sql)).find((r) => r.id === syncA.id && r.finished_at), 30_000);
    const all = await runs(sql);
    expect(all.filter((r) => r.trigger === 'MANUAL'), JSON.stringify(all)).toHaveLength(1);
    expect(all.filter((r) => r.state !== 'SUCCEEDED')).toEqual([]);
    expect(overlaps(all)).toEqual([]);
  });

  it('queues a fresh run once the previous one has finished', async () => {
    const before = await runs(sql);
    const next = await checkRuns.requestCheck('MANUAL');
    expect(before.map((r) => r.id)).not.toContain(next.id);
    const done = await waitFor(async () => (await runs(sql)).find((r) => r.id === next.id && r.finished_at), 20_000);
    expect(done.state).toBe('SUCCEEDED');
    expect(overlaps(await runs(sql))).toEqual([]);
  });
});
