import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type Orm } from '../../src/domain/database/database';
import { withEntityManager } from '../../src/domain/database/entity-manager-scope';
import { preparedStatement, query, uniqueViolation } from '../../src/domain/database/sql';
import { createTestDatabase } from '../support/test-database';

// One connection, so that every statement below runs in the session whose prepared statements it reads.
let orm: Orm;
beforeAll(async () => {
  orm = await connectDatabase({ url: await createTestDatabase(), poolMax: 1 });
});
afterAll(() => orm.close());

const inUnit = <T>(work: () => Promise<T>) => withEntityManager(orm, work);

const INSERT_USER = preparedStatement(
  'test_insert_user',
  `insert into users (email, password_hash, full_name, role) values (?, 'x', ?, 'STUDENT') returning id, email`,
);

describe('prepared statements (query with a PreparedStatement)', () => {
  it('is parsed once per connection and then only bound and executed', async () => {
    const statement = preparedStatement('test_add', 'select ?::int + ?::int as sum');
    const sums = await inUnit(async () => {
      const out: number[] = [];
      for (let i = 0; i < 7; i += 1) out.push((await query<{ sum: number }>(orm.em, statement, [i, 10]))[0]!.sum);
      return out;
    });
    expect(sums).toEqual([10, 11, 12, 13, 14, 15, 16]);
    const [prepared] = await inUnit(() =>
      query<{ executions: number; statement: string }>(
        orm.em,
        `select (generic_plans + custom_plans)::int as executions, statement from pg_prepared_statements where name = ?`,
        [statement.name],
      ),
    );
    expect(prepared).toEqual({ executions: 7, statement: 'select $1::int + $2::int as sum' });
  });

  it('runs in the transaction of the EntityManager it is given: a rollback undoes it', async () => {
    const email = 'prepared-rollback@levelsync.test';
    await expect(
      inUnit(() =>
        orm.em.transactional(async (trx) => {
          const [row] = await query<{ email: string }>(trx, INSERT_USER, [email, 'Rolled Back']);
          // The same transaction sees it, through the other path too.
          const seen = await query<{ n: number }>(trx, 'select count(*)::int as n from users where email = ?', [row!.email]);
          expect(seen[0]!.n).toBe(1);
          throw new Error('abort');
        }),
      ),
    ).rejects.toThrow('abort');
    const [after] = await inUnit(() => query<{ n: number }>(orm.em, 'select count(*)::int as n from users where email = ?', [email]));
    expect(after!.n).toBe(0);
  });

  it('refuses the EntityManager of a transaction that has ended, rather than run outside it', async () => {
    let ended: Parameters<Parameters<typeof orm.em.transactional>[0]>[0] | undefined;
    await inUnit(() => orm.em.transactional(async (trx) => void (ended = trx)));
    await expect(inUnit(() => query(ended!, INSERT_USER, ['prepared-late@levelsync.test', 'Late']))).rejects.toThrow(/already ended/);
    const [row] = await inUnit(() => query<{ n: number }>(orm.em, 'select count(*)::int as n from users where email = ?', ['prepared-late@levelsync.test']));
    expect(row!.n).toBe(0);
  });

  it('reports a database error as MikroORM reports its own, constraint included', async () => {
    const email = 'prepared-unique@levelsync.test';
    await inUnit(() => query(orm.em, INSERT_USER, [email, 'First']));
    const error = await inUnit(() => query(orm.em, INSERT_USER, [email, 'Second'])).catch((e: unknown) => e);
    expect((error as Error).constructor.name).toBe('UniqueConstraintViolationException');
    expect(uniqueViolation(error)).toMatch(/^users_email/);
  });

  it('binds arrays and nulls as parameters', async () => {
    const [row] = await inUnit(() =>
      query<{ ids: number[]; nothing: number | null }>(orm.em, preparedStatement('test_arrays', 'select ?::int[] as ids, ?::int as nothing'), [[3, 1, 2], null]),
    );
    expect(row).toEqual({ ids: [3, 1, 2], nothing: null });
  });

  it('names each text apart, so two statements never share a prepared name', () => {
    const a = preparedStatement('test_same', 'select 1');
    const b = preparedStatement('test_same', 'select 2');
    expect(a.name).not.toBe(b.name);
    expect(preparedStatement('test_same', 'select 1').name).toBe(a.name);
    expect(() => preparedStatement('Bad-Name', 'select 1')).toThrow(/lower-case/);
    expect(() => preparedStatement('test_identifier', 'select * from ??')).toThrow(/binds values only/);
    expect(preparedStatement('test_positions', 'select ?::int, ?::text').positional).toBe('select $1::int, $2::text');
  });
});
