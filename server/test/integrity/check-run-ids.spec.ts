import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckRunRepository } from '../../src/domain/integrity/check-run.repository';
import { createIntegrityDomain, type IntegrityDomain } from './integrity-domain-fixtures';

describe('check-run ids', () => {
  let domain: IntegrityDomain;
  let runs: CheckRunRepository;

  beforeAll(async () => {
    domain = await createIntegrityDomain();
    runs = new CheckRunRepository(domain.orm);
  });
  afterAll(() => domain.close());

  it('are consecutive when jobs find runs reserved for them, find their own again, or create new ones', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      // "Check now": the producer reserves the run and attaches its job; the worker then finds it,
      // and a retried attempt of the same job finds it again.
      const { run } = await runs.reserve('MANUAL');
      await runs.attachJob(run.id, `manual-${i}`);
      expect((await runs.findOrCreateForJob(`manual-${i}`, 'MANUAL')).id).toBe(run.id);
      expect((await runs.findOrCreateForJob(`manual-${i}`, 'MANUAL')).id).toBe(run.id);
      await runs.markFailed(run.id, 'done');
      ids.push(run.id);

      // A scheduled job has no reserved run: the worker creates it, a retry finds it.
      const scheduled = await runs.findOrCreateForJob(`scheduled-${i}`, 'SCHEDULED');
      expect((await runs.findOrCreateForJob(`scheduled-${i}`, 'SCHEDULED')).id).toBe(scheduled.id);
      await runs.markFailed(scheduled.id, 'done');
      ids.push(scheduled.id);
    }
    expect(ids).toEqual(ids.map((_, i) => ids[0]! + i));
  });

  it('gives two concurrent workers on a new job the same run', async () => {
    const [a, b] = await Promise.all([runs.findOrCreateForJob('raced', 'SCHEDULED'), runs.findOrCreateForJob('raced', 'SCHEDULED')]);
    expect(a.id).toBe(b.id);
    expect(await domain.sql(`select id from check_runs where job_id = 'raced'`)).toHaveLength(1);
  });
});
