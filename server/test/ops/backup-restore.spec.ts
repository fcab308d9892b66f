import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PasswordHasher } from '../../src/domain/auth/password-hasher';
import { connectDatabase, migrateDatabase } from '../../src/domain/database/database';
import { DemoDataService } from '../../src/domain/seeding/demo-data.service';
import { backupDatabase, restoreDatabase } from '../../src/ops/pg-tools';
import { openStandaloneDatabase, type StandaloneDatabase } from '../../src/standalone/standalone-database';
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

const REPO = resolve(__dirname, '../../..');

/** `npm run db:backup` / `db:restore` as a newcomer runs them: nothing configured but where the data lives. */
function runCli(
  script: 'backup' | 'restore',
  file: string,
  dataDir: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', `server/src/cli/${script}.ts`, '--file', file], {
    cwd: REPO,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.once('close', (code) => done({ code, stdout, stderr })));
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

describe('db:backup and db:restore on the default setup (nothing configured, embedded PostgreSQL under DATA_DIR)', () => {
  const dirs: string[] = [];
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  let dataDir: string;
  let running: StandaloneDatabase | undefined;
  let dump: string;
  let backup: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    dataDir = tempDir('levelsync-backup-default-');
    // What `npm start` does before it serves: the embedded cluster, migrations, demo data.
    running = await openStandaloneDatabase(dataDir);
    const orm = await connectDatabase({ url: running.url, poolMax: 2 });
    await migrateDatabase(orm, running.url);
    await new DemoDataService(orm.em.fork(), new PasswordHasher()).seed({ students: 300, desyncRate: 0.05 });
    await orm.close(true);
    dump = join(tempDir('levelsync-backup-file-'), 'x.dump');
    backup = await runCli('backup', dump, dataDir);
  });
  afterAll(async () => {
    await running?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  describe('while npm start runs', () => {
    it('backs up the running embedded database with the client tools on PATH', () => {
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      expect(backup.stdout).toMatch(/^backed up to .*x\.dump \(\d+ bytes\)/);
      expect(statSync(dump).size).toBeGreaterThan(10_000);
    });

    it('restores into a fresh embedded database with the same contents', async () => {
      const freshDir = tempDir('levelsync-restore-default-');
      const restore = await runCli('restore', dump, freshDir);
      expect(restore.stderr).toContain('npm start is not running: started the embedded PostgreSQL');
      expect(restore.code).toBe(0);
      const fresh = await openStandaloneDatabase(freshDir);
      try {
        const [before, after] = await Promise.all([fingerprint(running!.url), fingerprint(fresh.url)]);
        expect(before['public.licenses']!.rows).toBeGreaterThan(300);
        expect(after).toEqual(before);
      } finally {
        await fresh.close();
      }
    });
  });

  describe('while npm start is not running', () => {
    it('starts the embedded database for the backup, says so, and stops it again', async () => {
      const contents = await fingerprint(running!.url);
      await running!.close();
      running = undefined;
      const second = join(dirname(dump), 'stopped.dump');
      const result = await runCli('backup', second, dataDir);
      expect(result.stderr).toContain('npm start is not running: started the embedded PostgreSQL');
      expect(result.code).toBe(0);
      expect(existsSync(join(dataDir, 'postgres.json'))).toBe(false);
      expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

      const target = await createEmptyTestDatabase();
      await restoreDatabase(target, second);
      expect(await fingerprint(target)).toEqual(contents);
    });
  });

  describe('when DATA_DIR holds a cluster of another PostgreSQL major version', () => {
    it('refuses with what to do, and leaves the files as they were', async () => {
      const oldDir = tempDir('levelsync-backup-old-major-');
      const cluster = join(oldDir, 'postgres');
      mkdirSync(cluster);
      writeFileSync(join(cluster, 'PG_VERSION'), '18\n');
      writeFileSync(join(cluster, 'postgresql.conf'), '# made by PostgreSQL 18\n');
      const result = await runCli('backup', join(oldDir, 'x.dump'), oldDir);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/created by PostgreSQL 18, and the embedded PostgreSQL is now 15, which cannot open it; nothing was changed/);
      expect(result.stderr).toContain(`mv ${cluster} ${cluster}-pg18`);
      expect(readdirSync(cluster).sort()).toEqual(['PG_VERSION', 'postgresql.conf']);
    });
  });
});
