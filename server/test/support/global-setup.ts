import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { TestProject } from 'vitest/node';
import { connectDatabase, migrateDatabase } from '../../src/domain/database/database';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/standalone/embedded-postgres';
import { findFreePort } from '../../src/standalone/free-port';
import { withDatabase } from './urls';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    templateDatabase: string;
    redisUrl: string;
    runId: string;
  }
}

const cleanups: Array<() => Promise<void>> = [];

async function provisionPostgres(): Promise<string> {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  const dataDir = mkdtempSync(join(tmpdir(), 'levelsync-test-pg-'));
  let db: EmbeddedDatabase;
  try {
    db = await startEmbeddedPostgres({ dataDir, persistent: false });
  } catch (error) {
    throw new Error(`Tests need PostgreSQL: set TEST_DATABASE_URL or let embedded-postgres start (${(error as Error).message})`);
  }
  cleanups.push(async () => {
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return db.adminUrl;
}

async function provisionRedis(): Promise<string> {
  if (process.env.TEST_REDIS_URL) return process.env.TEST_REDIS_URL;
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error('Tests need Redis: set TEST_REDIS_URL or install redis-server (apt-get install redis-server)');
  }
  const port = await findFreePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  cleanups.push(async () => {
    child.kill('SIGTERM');
  });
  await waitForRedis(port);
  return `redis://127.0.0.1:${port}`;
}

async function waitForRedis(port: number): Promise<void> {
  const { Redis } = await import('ioredis');
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  for (let attempt = 0; attempt < 50; attempt += 1) {
    try {
      await client.connect();
      await client.ping();
      client.disconnect();
      return;
    } catch {
      client.disconnect();
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`redis-server did not answer on port ${port}`);
}

export async function setup(project: TestProject): Promise<void> {
  const runId = `${process.pid.toString(36)}${Date.now().toString(36)}`;
  const pgAdminUrl = await provisionPostgres();
  const templateDatabase = `levelsync_t_${runId}_tpl`;
  const admin = new Client({ connectionString: pgAdminUrl });
  await admin.connect();
  await admin.query(`create database ${templateDatabase}`);
  await admin.end();

  const templateUrl = withDatabase(pgAdminUrl, templateDatabase);
  const orm = await connectDatabase({ url: templateUrl, poolMax: 2 });
  await migrateDatabase(orm, templateUrl);
  await orm.close(true);

  const redisUrl = await provisionRedis();
  project.provide('pgAdminUrl', pgAdminUrl);
  project.provide('templateDatabase', templateDatabase);
  project.provide('redisUrl', redisUrl);
  project.provide('runId', runId);

  cleanups.unshift(async () => {
    const client = new Client({ connectionString: pgAdminUrl });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      `select datname from pg_database where datname like $1`,
      [`levelsync_t_${runId}_%`],
    );
    for (const { datname } of rows) await client.query(`drop database if exists ${datname} with (force)`);
    await client.end();
  });
}

export async function teardown(): Promise<void> {
  for (const cleanup of cleanups) await cleanup().catch((error) => console.error('test teardown:', error));
}
