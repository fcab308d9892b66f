import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../../src/domain/database/sql';
import { IdempotencyRepository } from '../../src/domain/progress/idempotency.repository';
import { createStudent, startTestApp, type TestApp } from '../support/test-app';

const UPDATE = `mutation ($input: ProgressUpdateInput!) {
  updateProgress(input: $input) { progress { totalXp } }
}`;

interface UpdateResult {
  updateProgress: { progress: { totalXp: number } };
}

describe('idempotency records past their retention', () => {
  let app: TestApp;
  let instructor: { id: number; token: string };

  beforeAll(async () => {
    app = await startTestApp({ IDEMPOTENCY_RETENTION_HOURS: '24' });
    instructor = await app.createUser('INSTRUCTOR');
  });
  afterAll(() => app.close());

  const update = async (studentId: number, xpChange: number, idempotencyKey: string) => {
    const { body } = await app.gql<UpdateResult>(
      UPDATE,
      { input: { studentId: String(studentId), specialization: 'PLAYER', xpChange, idempotencyKey } },
      instructor.token,
    );
    expect(body.errors).toBeUndefined();
    return body.data!.updateProgress.progress.totalXp;
  };
  const claimedAgo = (key: string, hours: number) =>
    app.sql(`update idempotency_records set created_at = now() - make_interval(hours => ?) where actor_id = ? and key = ?`, [hours, instructor.id, key]);
  const keys = async () =>
    (await app.sql<{ key: string }>('select key from idempotency_records where actor_id = ? order by key', [instructor.id])).map((r) => r.key);

  it('are purged, while a retry within the retention still gets its stored result', async () => {
    const student = await createStudent(app);
    expect(await update(student.id, 700, 'lesson-1')).toBe(700);
    expect(await update(student.id, 700, 'lesson-2')).toBe(1400);
    await claimedAgo('lesson-1', 25);
    await claimedAgo('lesson-2', 23);

    expect(await app.services.idempotencyRetention.purgeExpired()).toBe(1);
    expect(await keys()).toEqual(['lesson-2']);

    // 23 hours on, the retry replays the first answer and applies nothing.
    expect(await update(student.id, 700, 'lesson-2')).toBe(1400);
    // Past the retention the key is free: the same request is applied as a new one.
    expect(await update(student.id, 700, 'lesson-1')).toBe(2100);
    expect(await keys()).toEqual(['lesson-1', 'lesson-2']);
    expect(await app.services.idempotencyRetention.purgeExpired()).toBe(0);
  });

  it('purges in batches until none is left', async () => {
    const student = await createStudent(app);
    await app.sql(
      `insert into idempotency_records (actor_id, key, operation, request_hash, response, created_at)
       select ?, 'bulk-' || g, 'updateProgress', 'h', '{}'::jsonb, now() - interval '30 hours' from generate_series(1, 12001) g`,
      [instructor.id],
    );
    await update(student.id, 10, 'fresh');
    expect(await app.services.idempotencyRetention.purgeExpired()).toBe(12_001);
    expect(await keys()).toEqual(['fresh', 'lesson-1', 'lesson-2']);
  });

  it('lets a request claim a key whose old record is purged between its conflict and its read', async () => {
    await app.sql(
      `insert into idempotency_records (actor_id, key, operation, request_hash, response, created_at)
       values (?, 'raced', 'updateProgress', 'old', '{}'::jsonb, now() - interval '30 hours')`,
      [instructor.id],
    );
    let purgedInBetween = -1;
    const claim = await app.orm.em.fork().transactional(async (trx) => {
      // The purge commits on its own connection just after this transaction's insert met the old record.
      const racing = new Proxy(trx, {
        get(target, property, receiver) {
          if (property !== 'execute') return Reflect.get(target, property, receiver) as unknown;
          return async (text: string, params: unknown[], method: 'all') => {
            const rows = await target.execute(text, params, method);
            if (purgedInBetween < 0 && text.includes('on conflict')) {
              expect(rows).toEqual([]);
              purgedInBetween = await app.services.idempotencyRetention.purgeExpired();
            }
            return rows;
          };
        },
      }) as Sql;
      return new IdempotencyRepository().claim(racing, instructor.id, 'raced', 'updateProgress', 'new');
    });
    expect(purgedInBetween).toBe(1);
    expect(claim).toEqual({ kind: 'claimed' });
    const rows = await app.sql<{ request_hash: string }>('select request_hash from idempotency_records where actor_id = ? and key = ?', [
      instructor.id,
      'raced',
    ]);
    expect(rows).toEqual([{ request_hash: 'new' }]);
  });
});
