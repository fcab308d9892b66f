import { Client } from 'pg';
import type { LoadStack } from '../stack/load-stack';
import { compareXp, playerXp, type Conservation } from '../stack/progress-snapshot';
import { runIdempotentWriters, type WriterResult } from './idempotent-writers';

export interface ApiKillOptions {
  clients: number;
  durationS: number;
  /** When to kill -9 the API, after the writers start. */
  killAfterS: number;
  /** Students written (the first N seeded). */
  students: number;
}

export interface ApiKillResult {
  writers: WriterResult;
  xp: Conservation;
  /** From kill -9 to the restarted API answering /readyz. */
  downtimeMs: number;
  /** Idempotency records completed (with a stored response) during this fault. */
  completedKeys: number;
}

/**
 * kill -9 the API while idempotent writers are busy, start it again on the same port, let the
 * writers retry, and compare what PostgreSQL holds with what the API acknowledged.
 */
export async function apiKillFault(stack: LoadStack, options: ApiKillOptions): Promise<ApiKillResult> {
  const firstId = stack.students.firstId;
  const lastId = firstId + options.students - 1;
  const before = await playerXp(stack.database.url, firstId, lastId);
  const keysBefore = await completedFaultKeys(stack.database.url);
  const writing = runIdempotentWriters({
    url: () => stack.api.graphqlUrl,
    token: stack.adminToken,
    clients: options.clients,
    firstStudentId: firstId,
    students: options.students,
    durationS: options.durationS,
  });
  await new Promise((r) => setTimeout(r, options.killAfterS * 1000));
  const killedAt = Date.now();
  await stack.api.kill();
  await stack.api.restart();
  const downtimeMs = Date.now() - killedAt;
  const writers = await writing;
  const after = await playerXp(stack.database.url, firstId, lastId);
  return { writers, xp: compareXp(before, after, writers.acknowledgedXp), downtimeMs, completedKeys: (await completedFaultKeys(stack.database.url)) - keysBefore };
}

async function completedFaultKeys(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`select count(*) as n from idempotency_records where key like 'fault-%' and response is not null`);
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}
