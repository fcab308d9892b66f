import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { JOBS } from '../../src/domain/jobs/job-catalogue';
import { closeTransport, createIntegrityQueue, redisTransport, type IntegrityBullQueue, type QueueTransport } from '../../src/jobs/queue-connection';
import { upsertSchedules, type Schedule } from '../../src/jobs/schedules';
import { startInProcessJobs, type InProcessJobs } from './support/in-process-jobs';

type FirstRun = Schedule['firstRun'];
const check = (everyMs: number, firstRun: FirstRun = 'at-creation'): Schedule => ({ name: JOBS.INTEGRITY_CHECK, everyMs, data: { trigger: 'SCHEDULED' }, firstRun });
const sync = (everyMs: number, firstRun: FirstRun = 'after-one-interval'): Schedule => ({ name: JOBS.AUTO_SYNC, everyMs, data: { trigger: 'AUTO_SYNC' }, firstRun });
const maintenance = (everyMs: number): Schedule => ({
  name: JOBS.MAINTENANCE,
  everyMs,
  data: { task: 'purge-expired-idempotency-records' },
  firstRun: 'after-one-interval',
});

describe('upserting the schedule table', () => {
  let transport: QueueTransport;
  let queue: IntegrityBullQueue;

  beforeAll(() => {
    transport = redisTransport(inject('redisUrl'), `t${inject('runId')}${randomBytes(3).toString('hex')}`);
    queue = createIntegrityQueue(transport);
  });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await closeTransport(transport);
  });

  it('fires a new check at once, but a new auto-sync only one interval later', async () => {
    const before = Date.now();
    await upsertSchedules(queue, [check(3_600_000), sync(7_200_000)]);
    const schedulers = await queue.getJobSchedulers(0, -1, true);
    const next = (key: string) => schedulers.find((s) => s.key === key)!.next!;
    expect(next(JOBS.INTEGRITY_CHECK)).toBeLessThanOrEqual(Date.now());
    expect(next(JOBS.AUTO_SYNC)).toBeGreaterThanOrEqual(before + 7_200_000);
    expect(next(JOBS.AUTO_SYNC)).toBeLessThanOrEqual(Date.now() + 7_200_000);
    expect((await queue.getWaiting()).map((j) => j.name)).toEqual([JOBS.INTEGRITY_CHECK]);
    expect((await queue.getDelayed()).map((j) => j.name)).toEqual([JOBS.AUTO_SYNC]);
  });

  it('is idempotent, however many times (or workers) it runs, and a later boot neither fires nor postpones a pending run', async () => {
    const pending = (await queue.getJobSchedulers(0, -1, true)).find((s) => s.key === JOBS.AUTO_SYNC)!.next;
    await Promise.all([1, 2, 3].map(() => upsertSchedules(queue, [check(3_600_000), sync(7_200_000)])));
    const schedulers = await queue.getJobSchedulers(0, -1, true);
    expect(schedulers.map((s) => [s.key, s.every]).sort()).toEqual([
      [JOBS.AUTO_SYNC, 7_200_000],
      [JOBS.INTEGRITY_CHECK, 3_600_000],
    ]);
    expect(schedulers.find((s) => s.key === JOBS.AUTO_SYNC)!.next).toBe(pending);
    expect(await queue.getJobCountByTypes('waiting', 'delayed')).toBe(2);
  });

  it('replaces a changed interval and removes a schedule no longer in the table', async () => {
    await upsertSchedules(queue, [check(600_000)]);
    const schedulers = await queue.getJobSchedulers(0, -1, true);
    expect(schedulers.map((s) => [s.key, s.every])).toEqual([[JOBS.INTEGRITY_CHECK, 600_000]]);
  });
});

describe('the queue depth', () => {
  let jobs: InProcessJobs;

  beforeAll(async () => {
    jobs = await startInProcessJobs(1, { worker: false });
  });
  afterAll(() => jobs?.close());

  it('counts jobs waiting, delayed by a retry or running, never the schedulers’ planned next iterations', async () => {
    const { queue } = jobs.runtime;
    await upsertSchedules(queue.queue, [check(3_600_000, 'after-one-interval'), sync(7_200_000), maintenance(3_600_000)]);
    expect(await queue.queue.getDelayedCount()).toBe(3);
    expect(await queue.queueDepth()).toBe(0);

    await jobs.services.checkRuns.requestCheck('MANUAL'); // no worker here: it waits
    expect(await queue.queueDepth()).toBe(1);
    // What a failed job waiting out its backoff looks like.
    await queue.queue.add(JOBS.AUTO_SYNC, { trigger: 'AUTO_SYNC' }, { delay: 60_000 });
    expect(await queue.queueDepth()).toBe(2);
  });
});
