import { buildSchema } from 'graphql';
import { Pool } from 'pg';
import { servePlainGraphQL } from './plain-graphql-http';

/**
 * The reference for the dashboard scenario: graphql-js on node:http with a pg pool, answering the
 * same dashboard query from the same tables with the same SQL reads our API makes, and the same
 * 5-second memo of status and metrics, and nothing else (no express, Apollo, type-graphql, token
 * check, rate limiter or metrics). Runs as its own process, like the API.
 */
const SDL = /* GraphQL */ `
  type CheckRun { id: ID! state: String! trigger: String! progress: Float! queuedAt: String! startedAt: String finishedAt: String
    durationMs: Int pairsChecked: Int inconsistent: Int consistencyRate: Float healthState: String }
  type HealthStatus { state: String! consistencyRate: Float lastRun: CheckRun activeRun: CheckRun nextScheduledAt: String }
  type ViolationCount { type: String! count: Int! }
  type HealthMetrics { pairsChecked: Int! openViolations: Int! openViolationsByType: [ViolationCount!]! checksLast24h: Int!
    repairsLast24h: Int! lastCheckDurationMs: Int averageConsistencyRate: Float }
  type User { id: ID! email: String! fullName: String! }
  type Violation { id: ID! type: String! specialization: String! progressLevel: Int licenseLevel: Int totalXp: Int
    firstSeenAt: String! lastSeenAt: String! student: User! }
  type ViolationEdge { cursor: String! node: Violation! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type ViolationConnection { edges: [ViolationEdge!]! pageInfo: PageInfo! }
  type Query { healthStatus: HealthStatus! healthMetrics: HealthMetrics! violations(first: Int = 50): ViolationConnection! }
`;

const VIOLATION_TYPES = ['LEVEL_MISMATCH', 'MISSING_LICENSE', 'ORPHAN_LICENSE', 'XP_LEVEL_MISMATCH'];
const RUN = `id, state, trigger, progress, queued_at as "queuedAt", started_at as "startedAt", finished_at as "finishedAt",
  duration_ms as "durationMs", pairs_checked as "pairsChecked", inconsistent, consistency_rate as "consistencyRate", health_state as "healthState"`;

function memo<T>(load: () => Promise<T>, ttlMs = 5_000): () => Promise<T> {
  let cached: { value: Promise<T>; at: number } | null = null;
  return () => {
    if (!cached || Date.now() - cached.at >= ttlMs) cached = { value: load(), at: Date.now() };
    return cached.value;
  };
}

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
  const schema = buildSchema(SDL);
  const one = async (text: string) => (await pool.query(text)).rows[0] ?? null;
  const status = memo(async () => {
    const [lastRun, lastSucceeded, activeRun] = await Promise.all([
      one(`select ${RUN} from check_runs where finished_at is not null order by finished_at desc limit 1`),
      one(`select ${RUN} from check_runs where state = 'SUCCEEDED' order by finished_at desc limit 1`),
      one(`select ${RUN} from check_runs where state in ('QUEUED', 'RUNNING') order by id limit 1`),
    ]);
    return { state: lastSucceeded?.healthState ?? 'UNKNOWN', consistencyRate: lastSucceeded?.consistencyRate ?? null, lastRun, activeRun, nextScheduledAt: null };
  });
  const metrics = memo(async () => {
    const [lastSucceeded, byType, runs, repairs] = await Promise.all([
      one(`select ${RUN} from check_runs where state = 'SUCCEEDED' order by finished_at desc limit 1`),
      pool.query('select type, count(*)::int as count from violations where resolved_at is null group by type order by type'),
      one(`select count(*)::int as checks, avg(consistency_rate) filter (where state = 'SUCCEEDED') as average from check_runs where finished_at > now() - interval '24 hours'`),
      one(`select count(*)::int as repairs from repairs where created_at > now() - interval '24 hours'`),
    ]);
    const counts = new Map(byType.rows.map((r: { type: string; count: number }) => [r.type, r.count]));
    const openViolationsByType = VIOLATION_TYPES.map((type) => ({ type, count: counts.get(type) ?? 0 }));
    return {
      pairsChecked: lastSucceeded?.pairsChecked ?? 0,
      openViolations: openViolationsByType.reduce((s, c) => s + c.count, 0),
      openViolationsByType,
      checksLast24h: runs.checks,
      repairsLast24h: repairs.repairs,
      lastCheckDurationMs: lastSucceeded?.durationMs ?? null,
      averageConsistencyRate: runs.average,
    };
  });
  const root = {
    healthStatus: status,
    healthMetrics: metrics,
    violations: async ({ first }: { first: number }) => {
      const { rows } = await pool.query(
        `select id, type, specialization, progress_level as "progressLevel", license_level as "licenseLevel", total_xp as "totalXp",
                first_seen_at as "firstSeenAt", last_seen_at as "lastSeenAt", student_id as "studentId"
         from violations where resolved_at is null order by id desc limit $1`,
        [first + 1],
      );
      const page = rows.slice(0, first);
      const users = await pool.query('select id, email, full_name as "fullName" from users where id = any($1)', [page.map((r) => r.studentId)]);
      const byId = new Map(users.rows.map((u: { id: number }) => [u.id, u]));
      const edges = page.map((r) => ({
        cursor: Buffer.from(String(r.id)).toString('base64'),
        node: { ...r, firstSeenAt: r.firstSeenAt.toISOString(), lastSeenAt: r.lastSeenAt.toISOString(), student: byId.get(r.studentId) },
      }));
      return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
    },
  };
  servePlainGraphQL(schema, root, pool);
}

void main();
