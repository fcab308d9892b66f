import 'reflect-metadata';
import { Client } from 'pg';
import { connectDatabase } from '../../../server/src/domain/database/database';
import { ConsistencyScanRepository } from '../../../server/src/domain/integrity/consistency-scan.repository';
import { LevelTable } from '../../../server/src/domain/levels/level-table';
import { createScratchDatabase } from '../stack/scratch-database';
import { seedStudents } from '../stack/student-seeder';

const CHUNK_STUDENTS = 20_000;
const BATCH = 20_000;
/** A year of resolved history at this size: 0.1 % of the pairs drift a day. */
const HISTORY_SHARE_PER_YEAR = 0.001 * 365;

/**
 * `node -r @swc-node/register loadtests/src/cli/explain-checks.ts [students]` (default 1M): seeds a
 * database of its own (1 % desynced), opens those violations with the sweep's chunk statement, adds
 * a year of resolved history, then prints EXPLAIN (ANALYZE, BUFFERS) of the two statements that use
 * the coupling rule — the incremental batch over 20,000 captured changes and one sweep chunk in its
 * steady state — each in a transaction rolled back. The database is dropped at the end.
 */
async function main(): Promise<void> {
  const students = Number(process.argv[2] ?? 1_000_000);
  if (!Number.isInteger(students) || students < CHUNK_STUDENTS) throw new Error(`students must be a whole number ≥ ${CHUNK_STUDENTS}`);
  const database = await createScratchDatabase({ ...process.env, DATABASE_URL: '' });
  const client = new Client({ connectionString: database.url, application_name: 'loadtest-explain' });
  try {
    const seeded = await seedStudents(database.url, students, 0.01);
    await client.connect();
    const orm = await connectDatabase({ url: database.url, poolMax: 2 });
    let changed: string;
    let chunk: string;
    try {
      const scan = new ConsistencyScanRepository(orm, await LevelTable.load(orm));
      const [prepared, text] = await Promise.all([scan.prepareChangedPairsStatement(), scan.prepareChunkStatement()]);
      [changed, chunk] = [prepared.text, text];
    } finally {
      await orm.close(true);
    }
    const numbered = (sql: string) => {
      let i = 0;
      return sql.replace(/\?/g, () => `$${++i}`);
    };
    const chunkParams = (lo: number) => [lo, lo + CHUNK_STUDENTS, lo, lo + CHUNK_STUDENTS, null, null, lo, lo + CHUNK_STUDENTS];
    for (let lo = seeded.firstId; lo <= seeded.lastId; lo += CHUNK_STUDENTS) await client.query(numbered(chunk), chunkParams(lo));
    await client.query(
      `insert into violations (student_id, specialization, type, progress_level, license_level, total_xp, first_seen_at, last_seen_at, resolved_at)
       select $1::int + ((g::bigint * 7919) % $2::int)::int, (array['PLAYER','COACH','INTERNSHIP'])[1 + g % 3], 'LEVEL_MISMATCH', 1, 2, 0,
              now() - (g % 365) * interval '1 day', now() - (g % 365) * interval '1 day', now() - (g % 365) * interval '1 day' + interval '1 hour'
       from generate_series(1, $3::int) g`,
      [seeded.firstId, seeded.count, Math.round(seeded.pairs * HISTORY_SHARE_PER_YEAR)],
    );
    await client.query('delete from pair_changes');
    await client.query(`update specialization_progress set updated_at = now() where id in (select id from specialization_progress order by id limit $1)`, [BATCH]);
    await client.query('vacuum analyze');
    const { rows } = await client.query<{ open: number; total: number }>(
      `select count(*) filter (where resolved_at is null)::int as open, count(*)::int as total from violations`,
    );
    const explain = async (title: string, sql: string, params: unknown[]) => {
      await client.query('begin');
      try {
        const plan = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${numbered(sql)}`, params);
        process.stdout.write(`=== ${title}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}\n\n`);
      } finally {
        await client.query('rollback');
      }
    };
    process.stdout.write(
      `${seeded.count.toLocaleString('en')} students (${seeded.pairs.toLocaleString('en')} pairs); violations: ${rows[0]!.open.toLocaleString('en')} open, ${rows[0]!.total.toLocaleString('en')} in all\n\n`,
    );
    await explain(`incremental batch: ${BATCH.toLocaleString('en')} captured changes (one UPDATE of progress rows)`, changed, [BATCH, null, null]);
    await explain(`sweep chunk: students ${seeded.firstId}..${seeded.firstId + CHUNK_STUDENTS - 1}, steady state`, chunk, chunkParams(seeded.firstId));
  } finally {
    await client.end().catch(() => undefined);
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`explain-checks: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
