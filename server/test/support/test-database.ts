import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { inject } from 'vitest';
import { withDatabase } from './urls';

/** A fresh, migrated database of this test file's own, copied from the run's template. */
export async function createTestDatabase(): Promise<string> {
  const name = `levelsync_t_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: inject('pgAdminUrl') });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${inject('templateDatabase')}`);
  } finally {
    await admin.end();
  }
  return withDatabase(inject('pgAdminUrl'), name);
}

/** An empty database (no schema), for testing migrations themselves. */
export async function createEmptyTestDatabase(): Promise<string> {
  const name = `levelsync_t_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: inject('pgAdminUrl') });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return withDatabase(inject('pgAdminUrl'), name);
}
