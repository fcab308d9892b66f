import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../../server/src/standalone/embedded-postgres';
import { bootStack } from '../stack/load-stack';
import { compareXp, playerXp, type Conservation } from '../stack/progress-snapshot';
import { runIdempotentWriters, type WriterResult } from './idempotent-writers';
import { startTcpRelay } from './tcp-relay';

export interface PostgresRestartResult {
  writers: WriterResult;
  xp: Conservation;
  /** From the fast shutdown to PostgreSQL accepting connections again. */
  downtimeMs: number;
  /** From PostgreSQL being back to the API's /readyz answering 200 (the pool has recovered). */
  poolRecoveryMs: number | null;
}

const portOf = (url: string) => Number(new URL(url).port);

/**
 * The shared PostgreSQL cannot be restarted, so this fault brings its own: embedded PostgreSQL
 * behind a TCP relay (the API's DATABASE_URL points at the relay, which follows the server to its
 * new port). Idempotent writers keep writing through a fast shutdown and a fresh start.
 */
export async function postgresRestartFault(options: { clients: number; durationS: number; stopAfterS: number; outageS: number }): Promise<PostgresRestartResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'levelsync-fault-pg-'));
  let db: EmbeddedDatabase = await startEmbeddedPostgres({ dataDir, persistent: true });
  const relay = await startTcpRelay(portOf(db.adminUrl));
  const viaRelay = new URL(db.adminUrl);
  viaRelay.port = String(relay.port);
  try {
    const stack = await bootStack({ students: 200, env: { LOADTEST_PG_ADMIN_URL: viaRelay.toString() } });
    try {
      const firstId = stack.students.firstId;
      const lastId = firstId + 99;
      const before = await playerXp(stack.database.url, firstId, lastId);
      const writing = runIdempotentWriters({ url: () => stack.api.graphqlUrl, token: stack.adminToken, clients: options.clients, firstStudentId: firstId, students: 100, durationS: options.durationS });
      await new Promise((r) => setTimeout(r, options.stopAfterS * 1000));
      const stoppedAt = performance.now();
      await db.stop();
      relay.cut();
      await new Promise((r) => setTimeout(r, options.outageS * 1000));
      db = await startEmbeddedPostgres({ dataDir, persistent: true });
      relay.retarget(portOf(db.adminUrl));
      const backAt = performance.now();
      let poolRecoveryMs: number | null = null;
      for (let i = 0; i < 300 && poolRecoveryMs === null; i += 1) {
        const ready = await fetch(`${stack.api.url}/readyz`).then((r) => r.ok).catch(() => false);
        if (ready) poolRecoveryMs = performance.now() - backAt;
        else await new Promise((r) => setTimeout(r, 100));
      }
      const writers = await writing;
      const after = await playerXp(stack.database.url, firstId, lastId);
      return { writers, xp: compareXp(before, after, writers.acknowledgedXp), downtimeMs: backAt - stoppedAt, poolRecoveryMs };
    } finally {
      await stack.close();
    }
  } finally {
    await relay.close();
    await db.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
