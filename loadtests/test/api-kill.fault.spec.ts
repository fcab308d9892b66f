import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { apiKillFault, type ApiKillResult } from '../src/faults/api-kill.fault';
import { bootStack, type LoadStack } from '../src/stack/load-stack';

describe('when the API is killed with -9 while clients write with idempotency keys', () => {
  let stack: LoadStack;
  let result: ApiKillResult;

  beforeAll(async () => {
    stack = await bootStack({ students: 100, env: { LOADTEST_PG_ADMIN_URL: inject('pgAdminUrl'), REDIS_URL: inject('redisUrl') } });
    result = await apiKillFault(stack, { clients: 8, durationS: 6, killAfterS: 2, students: 40 });
  }, 110_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('had writes in flight when the API died, and the clients retried them', () => {
    expect(result.writers.acknowledged).toBeGreaterThan(0);
    expect(result.writers.retried).toBeGreaterThan(0);
  });

  it('acknowledges every write in the end', () => {
    expect(result.writers.abandoned).toBe(0);
    expect(result.completedKeys).toBe(result.writers.acknowledged);
  });

  it('loses no acknowledged write and applies none twice', () => {
    expect(result.xp.studentsShort).toBe(0);
    expect(result.xp.studentsOver).toBe(0);
    expect(result.xp.appliedXp).toBe(result.xp.acknowledgedXp);
  });
});
