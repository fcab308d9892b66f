import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { connectDatabase, migrateDatabase } from '../../../server/src/domain/database/database';

export const DEFAULT_PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  readonly url: string;
  readonly name: string;
  /** Drops the database (with force) unless it was given through DATABASE_URL. */
  drop(): Promise<void>;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A migrated database of this run's own on the admin server (LOADTEST_PG_ADMIN_URL, default the
 * local server), dropped at the end; or the database named by DATABASE_URL, kept as it is.
 */
export async function createScratchDatabase(env: NodeJS.ProcessEnv = process.env): Promise<ScratchDatabase> {
  if (env.DATABASE_URL) {
    await migrate(env.DATABASE_URL);
    return { url: env.DATABASE_URL, name: new URL(env.DATABASE_URL).pathname.slice(1), drop: async () => undefined };
  }
  const adminUrl = env.LOADTEST_PG_ADMIN_URL ?? DEFAULT_PG_ADMIN_URL;
  const name = `levelsync_lt_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = withDatabase(adminUrl, name);
  try {
    await migrate(url);
  } catch (error) {
    await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
    throw error;
  }
  return { url, name, drop: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`) };
}

async function migrate(url: string): Promise<void> {
  const orm = await connectDatabase({ url, poolMax: 2 });
  try {
    await migrateDatabase(orm, url);
  } finally {
    await orm.close(true);
  }
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
