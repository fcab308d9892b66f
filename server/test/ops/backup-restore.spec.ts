import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PasswordHasher } from '../../src/domain/auth/password-hasher';
import { connectDatabase } from '../../src/domain/database/database';
import { DemoDataService } from '../../src/domain/seeding/demo-data.service';
import { backupDatabase, restoreDatabase } from '../../src/ops/pg-tools';
import { createEmptyTestDatabase, createTestDatabase } from '../support/test-database';

/** Row count and an order-independent checksum of every table's full contents. */
async function fingerprint(url: string): Promise<Record<string, { rows: number; md5: string }>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `select quote_ident(table_schema) || '.' || quote_ident(table_name) as name from information_schema.tables
       where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    );
    const result: Record<string, { rows: number; md5: string }> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ rows: string; md5: string | null }>(
        `select count(*) as rows, md5(coalesce(string_agg(md5(t::text), '' order by md5(t::text)), '')) as md5 from ${name} t`,
      );
      result[name] = { rows: Number(rows[0]!.rows), md5: rows[0]!.md5 ?? '' };
    }
    return result;
  } finally {
    await client.end();
  }
}

async function sql(url: string, text: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(text).finally(() => client.end());
}

describe('db:backup and db:restore', () => {
  let source: string;
  let dir: string;
  let dump: string;

  beforeAll(async () => {
    source = await createTestDatabase();
    const orm = await connectDatabase({ url: source, poolMax: 2 });
    await new DemoDataService(orm.em.fork(), new PasswordHasher()).seed({ students: 1500, desyncRate: 0.05 });
    await orm.close(true);
    await sql(
      source,
      `insert into check_runs (trigger, state, progress, pairs_checked, inconsistent, consistency_rate, health_state, finished_at, duration_ms)
       values ('MANUAL', 'SUCCEEDED', 1, 2700, 135, 0.95, 'DEGRADED', now(), 420)`,
    );
    dir = mkdtempSync(join(tmpdir(), 'levelsync-backup-'));
    dump = join(dir, 'levelsync.dump');
    await backupDatabase(source, dump);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a custom-format dump', () => {
    expect(statSync(dump).size).toBeGreaterThan(10_000);
  });

  describe('when restored into an empty database', () => {
    it('reproduces every table with equal row counts and checksums', async () => {
      const target = await createEmptyTestDatabase();
      await restoreDatabase(target, dump);
      const [before, after] = await Promise.all([fingerprint(source), fingerprint(target)]);
      expect(Object.keys(before)).toContain('public.users');
      expect(before['public.licenses']!.rows).toBeGreaterThan(1500);
      expect(after).toEqual(before);
    });
  });

  describe('when restored over a database that changed since the backup', () => {
    it('brings back exactly the backed-up contents', async () => {
      const target = await createEmptyTestDatabase();
      await restoreDatabase(target, dump);
      await sql(target, `delete from licenses where id % 7 = 0; update users set full_name = 'changed' where id % 5 = 0`);
      await restoreDatabase(target, dump);
      expect(await fingerprint(target)).toEqual(await fingerprint(source));
    });
  });

  it('reports a missing dump file as one clear error', async () => {
    await expect(restoreDatabase(source, join(dir, 'missing.dump'))).rejects.toThrow(/pg_restore failed: .*missing\.dump/);
  });
});
