import { Agent } from 'node:http';
import { graphqlBody, KEEP_ALIVE_AGENT_TIMEOUT_MS, postGraphql } from '../drivers/graphql-request';
import { UPDATE_PROGRESS } from '../scenarios/progress-storm.scenario';

export interface WriterOptions {
  url: () => string;
  token: string;
  clients: number;
  firstStudentId: number;
  students: number;
  /** Stop starting new writes after this; writes under way are retried until acknowledged. */
  durationS: number;
  /** Give up on one write after this long (then it counts as unacknowledged). */
  giveUpAfterMs?: number;
}

export interface WriterResult {
  /** studentId → XP of the writes the API acknowledged. */
  acknowledgedXp: Map<number, number>;
  /** The idempotency key of every acknowledged write (each must have a completed record in PostgreSQL). */
  acknowledgedKeys: string[];
  acknowledged: number;
  abandoned: number;
  attempts: number;
  /** Attempts that failed (connection refused or reset, 5xx, internal error) and were retried with the same key. */
  retried: number;
  /** Longest time one write took to be acknowledged, retries included. */
  longestWriteMs: number;
}

type Outcome = 'ok' | 'retry';

/**
 * Clients that write the way a careful client should: every logical write has its own idempotency
 * key, and a write whose outcome is unknown is retried with the same key until the API answers.
 */
export async function runIdempotentWriters(options: WriterOptions): Promise<WriterResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.clients, timeout: KEEP_ALIVE_AGENT_TIMEOUT_MS });
  const result: WriterResult = { acknowledgedXp: new Map(), acknowledgedKeys: [], acknowledged: 0, abandoned: 0, attempts: 0, retried: 0, longestWriteMs: 0 };
  const deadline = Date.now() + options.durationS * 1000;
  const giveUp = options.giveUpAfterMs ?? 60_000;
  const run = Date.now().toString(36);

  const attempt = (body: string): Promise<Outcome> =>
    new Promise((resolve) => {
      const target = new URL(options.url());
      result.attempts += 1;
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${options.token}` };
      postGraphql({ url: target, agent, headers, body, timeoutMs: 10_000 }, (ok) => resolve(ok ? 'ok' : 'retry'));
    });

  await Promise.all(
    Array.from({ length: options.clients }, async (_, client) => {
      for (let seq = 0; Date.now() < deadline; seq += 1) {
        const studentId = options.firstStudentId + Math.floor(Math.random() * options.students);
        const xpChange = 1 + Math.floor(Math.random() * 100);
        const idempotencyKey = `fault-${run}-${client}-${seq}`;
        const body = graphqlBody(UPDATE_PROGRESS, { input: { studentId: String(studentId), specialization: 'PLAYER', xpChange, idempotencyKey } });
        const started = Date.now();
        for (;;) {
          if ((await attempt(body)) === 'ok') {
            result.acknowledged += 1;
            result.acknowledgedKeys.push(idempotencyKey);
            result.acknowledgedXp.set(studentId, (result.acknowledgedXp.get(studentId) ?? 0) + xpChange);
            result.longestWriteMs = Math.max(result.longestWriteMs, Date.now() - started);
            break;
          }
          if (Date.now() - started > giveUp) {
            result.abandoned += 1;
            break;
          }
          result.retried += 1;
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
        }
      }
    }),
  );
  agent.destroy();
  return result;
}
