import { actorOrigin } from '../../src/domain/audit/audit.types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../../src/domain/auth/viewer';
import { TOPICS } from '../../src/domain/events/topics';
import type { RepairBatchSnapshot } from '../../src/domain/integrity/repair.types';
import { createIntegrityDomain, insertPair, insertStudent, queueRun, runCheck, violationsOf, type IntegrityDomain } from './integrity-domain-fixtures';

describe('repair events', () => {
  let domain: IntegrityDomain;
  let admin: Viewer;
  const repairEvents = (): RepairBatchSnapshot[] =>
    domain.events.filter((e) => e.topic === TOPICS.REPAIRS_MADE).map((e) => e.payload as RepairBatchSnapshot);

  beforeAll(async () => {
    domain = await createIntegrityDomain();
    admin = { id: await insertStudent(domain), role: 'ADMIN' };
  });
  afterAll(() => domain.close());

  it('announce a resync after its commit: the audited repair and the violation it resolved', async () => {
    const student = await insertStudent(domain);
    await insertPair(domain, student, 'PLAYER', { progress: { totalXp: 600, level: 2 }, license: { level: 1 } });
    await runCheck(domain, domain.services);
    const [violation] = await violationsOf(domain, student);
    domain.events.length = 0;

    const repair = await domain.services.repairs.resyncLicense(actorOrigin(admin.id), String(student), 'PLAYER');
    expect(repairEvents()).toEqual([
      { trigger: 'MANUAL', actorId: admin.id, jobId: null, repairs: [repair], resolvedViolationIds: [violation!.id], madeAt: expect.any(Date) },
    ]);
    // Published after the commit: what it announces is already readable.
    const [stored] = await domain.sql<{ resolved_at: Date | null }>('select resolved_at from violations where id = ?', [violation!.id]);
    expect(stored!.resolved_at).not.toBeNull();
  });

  it('announce stale violations resolved on a pair found consistent, and nothing when nothing changed', async () => {
    const student = await insertStudent(domain);
    await insertPair(domain, student, 'PLAYER', { progress: { totalXp: 600, level: 2 }, license: { level: 1 } });
    await runCheck(domain, domain.services);
    const [violation] = await violationsOf(domain, student);
    await domain.sql('update licenses set current_level = 2, max_achieved_level = 2 where user_id = ?', [student]); // fixed meanwhile
    domain.events.length = 0;

    await expect(domain.services.repairs.resyncLicense(actorOrigin(admin.id), String(student), 'PLAYER')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(repairEvents()).toEqual([
      { trigger: 'MANUAL', actorId: admin.id, jobId: null, repairs: [], resolvedViolationIds: [violation!.id], madeAt: expect.any(Date) },
    ]);

    domain.events.length = 0;
    await expect(domain.services.repairs.resyncLicense(actorOrigin(admin.id), String(student), 'PLAYER')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(repairEvents()).toEqual([]);
  });

  it('announce an auto-sync batch by batch, attributed to its job, every repair exactly once', async () => {
    const students: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const student = await insertStudent(domain);
      await insertPair(domain, student, 'COACH', { progress: { totalXp: 900, level: 2 } }); // missing license
      students.push(student);
    }
    await runCheck(domain, domain.services);
    domain.events.length = 0;

    const run = await queueRun(domain, 'AUTO_SYNC', 'job-events-1');
    expect(await domain.services.repairs.autoSync(run.id, 'job-events-1')).toBe(3);
    const batches = repairEvents();
    expect(batches.length).toBeGreaterThanOrEqual(1);
    expect(batches.every((b) => b.trigger === 'AUTO_SYNC' && b.jobId === 'job-events-1' && b.actorId === null)).toBe(true);
    const repaired = batches.flatMap((b) => b.repairs.map((r) => r.studentId)).sort((a, b) => a - b);
    expect(repaired).toEqual([...students].sort((a, b) => a - b));
    // The repairs are announced before the run's final check is.
    const firstRepairEvent = domain.events.findIndex((e) => e.topic === TOPICS.REPAIRS_MADE);
    const succeeded = domain.events.findIndex((e) => e.topic === TOPICS.CHECK_RUN_UPDATED && (e.payload as { state: string }).state === 'SUCCEEDED');
    expect(firstRepairEvent).toBeLessThan(succeeded);
  });
});
