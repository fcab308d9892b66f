import { Client } from 'pg';
import { loadConfig } from '../../../server/src/config/app-config';
import { connectDatabase, type Orm } from '../../../server/src/domain/database/database';
import { withEntityManager } from '../../../server/src/domain/database/entity-manager-scope';
import { CheckRunRepository } from '../../../server/src/domain/integrity/check-run.repository';
import { createDomainServices, type DomainServices } from '../../../server/src/domain/services';
import { measureMachineLoad } from '../measure/machine-load';
import { runBareCheck } from '../references/bare-check';
import { LOADTEST_JWT_SECRET } from '../stack/api-process';
import type { LoadStack } from '../stack/load-stack';
import { createScratchDatabase } from '../stack/scratch-database';
import { seedStudents } from '../stack/student-seeder';
import type { ScenarioOptions, ScenarioReport, SummaryRow } from './scenario.types';

const DESYNC_RATE = 0.01;
/** Tables whose growth the capacity model needs, with what one row stands for. */
const STORAGE_TABLES = [
  'users',
  'specialization_progress',
  'licenses',
  'check_runs',
  'violations',
  'repairs',
  'pair_changes',
  'idempotency_records',
] as const;

export interface TableSize {
  table: string;
  rows: number;
  /** Mean pg_column_size of a whole row (the tuple's data, without its 23-byte header and 4-byte line pointer). */
  avgRowBytes: number;
  heapBytes: number;
  indexBytes: number;
  totalBytes: number;
}

/** Rows, mean row size and on-disk size (heap, indexes, TOAST) of each table, as PostgreSQL counts them. */
export async function measureTableSizes(client: Client, tables: readonly string[]): Promise<TableSize[]> {
  const sizes: TableSize[] = [];
  for (const table of tables) {
    if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
    const { rows } = await client.query<{ rows: number; avg: number | null; heap: string; idx: string; total: string }>(
      `select (select count(*)::int from ${table}) as rows,
              (select avg(pg_column_size(t.*))::float8 from ${table} t) as avg,
              pg_relation_size('${table}') as heap, pg_indexes_size('${table}') as idx, pg_total_relation_size('${table}') as total`,
    );
    const r = rows[0]!;
    sizes.push({ table, rows: r.rows, avgRowBytes: r.avg ?? 0, heapBytes: Number(r.heap), indexBytes: Number(r.idx), totalBytes: Number(r.total) });
  }
  return sizes;
}

interface Drain {
  changes: number;
  batches: number;
  ms: number;
  opened: number;
  resolved: number;
}

/** Runs the live checker's batch (LiveCheckService.checkBatch, as the worker does) until no captured change is left. */
async function drainChanges(services: DomainServices, orm: Orm): Promise<Drain> {
  const drain: Drain = { changes: 0, batches: 0, ms: 0, opened: 0, resolved: 0 };
  const started = performance.now();
  for (;;) {
    const result = await withEntityManager(orm, () => services.liveChecks.checkBatch());
    drain.batches += 1;
    drain.changes += result.changes;
    drain.opened += result.opened.length;
    drain.resolved += result.resolvedIds.length;
    if (result.changes === 0) break;
  }
  drain.ms = performance.now() - started;
  return drain;
}

/**
 * The numbers the capacity model is built from, at one size (`--students`, default 1M = 3M pairs),
 * on a database of its own with 1 % of the licenses desynced:
 * (1) the full sweep (IntegrityCheckService.run, as the worker runs it): the first run, which opens
 *     every violation, then the steady state, beside the bare anti-join;
 * (2) incremental detection per captured change (LiveCheckService.checkBatch, as the live checker
 *     runs it): 100,000 consistent pairs touched out of band, 10,000 desynced, the same fixed;
 * (3) auto-sync repairing every open violation (the audit rows);
 * (4) 2,000 idempotent updateProgress calls (the idempotency records);
 * (5) the row and on-disk sizes of every table after that, and the WAL each phase wrote.
 * It needs no API: it ignores the shared stack.
 */
export async function sweep(_stack: LoadStack | null, options: ScenarioOptions): Promise<ScenarioReport> {
  const startedAt = new Date();
  const machine = await measureMachineLoad();
  const students = options.students ?? (options.quick ? 100_000 : 1_000_000);
  const database = await createScratchDatabase({ ...process.env, DATABASE_URL: '' });
  const client = new Client({ connectionString: database.url, application_name: 'loadtest-sweep' });
  const notes: string[] = [];
  const wal: Record<string, number> = {};
  try {
    await client.connect();
    const walPosition = async () => (await client.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')).rows[0]!.lsn;
    const walSince = async (from: string) =>
      Number((await client.query<{ bytes: string }>('select pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn) as bytes', [from])).rows[0]!.bytes);

    let mark = await walPosition();
    const seedStarted = performance.now();
    const seeded = await seedStudents(database.url, students, DESYNC_RATE);
    const seedS = (performance.now() - seedStarted) / 1000;
    wal.seed = await walSince(mark);
    await client.query('vacuum analyze');

    // The worker's pool size (the default), so two concurrent chunks and the run's bookkeeping have connections.
    const orm = await connectDatabase({ url: database.url });
    try {
      const services = await createDomainServices(loadConfig({ DATABASE_URL: database.url, JWT_SECRET: LOADTEST_JWT_SECRET, LOG_LEVEL: 'silent' }).domain, orm);
      const runs = new CheckRunRepository(orm);
      const timeSweep = async () => {
        const run = await runs.createQueued('MANUAL');
        const started = performance.now();
        const done = await withEntityManager(orm, () => services.integrity.run(run.id));
        return { ms: performance.now() - started, found: done.inconsistent ?? -1 };
      };

      // (1) the sweep
      mark = await walPosition();
      const first = await timeSweep();
      wal.firstSweep = await walSince(mark);
      const steady: number[] = [];
      let found = first.found;
      mark = await walPosition();
      for (let i = 0; i < 2; i += 1) {
        const s = await timeSweep();
        steady.push(s.ms);
        found = s.found;
      }
      wal.steadySweep = (await walSince(mark)) / 2;
      const bare = await runBareCheck(database.url);
      const steadyMs = Math.min(...steady);

      // (2) incremental detection: first the seed's captured desyncs (already opened by the sweep: refreshes)
      const seedDrain = await drainChanges(services, orm);
      const { firstId } = seeded;
      const bulkRows = Math.min(100_000, seeded.pairs);
      mark = await walPosition();
      await client.query(`update specialization_progress set updated_at = now() where id in (select id from specialization_progress order by id limit $1)`, [bulkRows]);
      wal.bulkUpdate = await walSince(mark);
      const pairChangesSize = (await measureTableSizes(client, ['pair_changes']))[0]!;
      mark = await walPosition();
      const consistent = await drainChanges(services, orm);
      wal.consistentDrain = await walSince(mark);
      const desyncs = Math.min(10_000, seeded.count);
      // The last students' COACH licenses one level off, past the seed's own desyncs (its stride): each a new violation.
      const desyncSql = (set: string) =>
        `update licenses l set current_level = ${set}, max_achieved_level = greatest(l.max_achieved_level, 2) from specialization_progress p
         where l.user_id between $1 and $2 and l.specialization = 'COACH' and l.id % ${Math.round(1 / DESYNC_RATE)} <> 0
           and p.student_id = l.user_id and p.specialization = l.specialization`;
      const range = [firstId + seeded.count - desyncs, firstId + seeded.count - 1];
      const desynced = (await client.query(desyncSql('case when p.current_level > 1 then p.current_level - 1 else 2 end'), range)).rowCount ?? 0;
      mark = await walPosition();
      const opening = await drainChanges(services, orm);
      wal.openingDrain = await walSince(mark);
      await client.query(desyncSql('p.current_level'), range);
      const resolving = await drainChanges(services, orm);

      // (3) auto-sync over every open violation: the audit rows
      const openBefore = Number((await client.query<{ n: string }>('select count(*) as n from violations where resolved_at is null')).rows[0]!.n);
      const syncRun = await runs.createQueued('AUTO_SYNC');
      mark = await walPosition();
      const syncStarted = performance.now();
      const repaired = await withEntityManager(orm, () => services.repairs.autoSync(syncRun.id, `capacity-${syncRun.id}`));
      const syncMs = performance.now() - syncStarted;
      wal.autoSync = await walSince(mark);
      await drainChanges(services, orm);

      // (4) idempotent updateProgress, as the API calls the service
      const updates = 2_000;
      const [admin] = (await client.query<{ id: number }>(`select id from users order by id limit 1`)).rows;
      const viewer = { id: admin!.id, role: 'ADMIN' as const };
      const updatesStarted = performance.now();
      for (let i = 0; i < updates; i += 1) {
        await withEntityManager(orm, () =>
          services.progress.update(viewer, { studentId: String(firstId + (i % seeded.count)), specialization: 'PLAYER', xpChange: 1, idempotencyKey: `capacity-${i}` }),
        );
      }
      const updatesMs = performance.now() - updatesStarted;

      // (5) sizes, after a vacuum (what autovacuum leaves: dead rows' room reusable, not returned)
      await client.query('vacuum analyze');
      const sizes = await measureTableSizes(client, STORAGE_TABLES);

      const usPerChange = (d: Drain) => (d.changes ? (d.ms * 1000) / d.changes : 0);
      const s = (msValue: number) => `${(msValue / 1000).toFixed(2)} s`;
      const label = `${(seeded.pairs / 1_000_000).toFixed(seeded.pairs >= 10_000_000 ? 0 : 1)}M pairs`;
      const rows: SummaryRow[] = [
        { scenario: 'sweep', metric: `full sweep, ${label}, steady state (best of 2)`, ours: s(steadyMs), reference: `bare SQL ${s(bare.durationMs)}`, ratio: steadyMs / bare.durationMs, target: '' },
        { scenario: 'sweep', metric: `first sweep (opens ${first.found.toLocaleString('en')} violations)`, ours: s(first.ms), target: '' },
        { scenario: 'sweep', metric: 'violations found', ours: String(found), reference: `${seeded.desynced} seeded`, target: 'equal', pass: found === seeded.desynced },
        {
          scenario: 'sweep',
          metric: `incremental: ${consistent.changes.toLocaleString('en')} changes to consistent pairs`,
          ours: `${usPerChange(consistent).toFixed(1)} µs/change`,
          reference: `${s(consistent.ms)} in ${consistent.batches} batches`,
          target: '',
        },
        {
          scenario: 'sweep',
          metric: `incremental: ${opening.changes.toLocaleString('en')} desyncs (opens ${opening.opened})`,
          ours: `${usPerChange(opening).toFixed(1)} µs/change`,
          reference: `${s(opening.ms)} in ${opening.batches} batches`,
          target: '',
          pass: opening.opened === desynced,
        },
        {
          scenario: 'sweep',
          metric: `incremental: the same fixed (resolves ${resolving.resolved})`,
          ours: `${usPerChange(resolving).toFixed(1)} µs/change`,
          reference: `${s(resolving.ms)} in ${resolving.batches} batches`,
          target: '',
          pass: resolving.resolved === desynced,
        },
        { scenario: 'sweep', metric: `auto-sync: ${repaired.toLocaleString('en')} repairs (+ its check)`, ours: s(syncMs), reference: `${openBefore} open before`, target: 'all repaired', pass: repaired === openBefore },
        ...sizes.map<SummaryRow>((t) => ({
          scenario: 'sweep',
          metric: `size: ${t.table} (${t.rows.toLocaleString('en')} rows)`,
          ours: `${t.avgRowBytes.toFixed(0)} B/row data`,
          reference: `heap ${mb(t.heapBytes)}, indexes ${mb(t.indexBytes)}, total ${mb(t.totalBytes)}${t.rows > 1000 ? ` = ${(t.totalBytes / t.rows).toFixed(0)} B/row` : ''}`,
          target: '',
        })),
      ];
      notes.push(
        `Seeded ${seeded.count.toLocaleString('en')} students (${seeded.pairs.toLocaleString('en')} pairs, ${seeded.desynced.toLocaleString('en')} desynced) in ${seedS.toFixed(1)} s.`,
        `Sweeps: first ${s(first.ms)}, steady ${steady.map(s).join(', ')}; bare anti-join ${s(bare.durationMs)} (it counts only; the sweep also refreshes every open violation and resolves the rest).`,
        `Incremental: the seed's ${seedDrain.changes.toLocaleString('en')} captured desyncs drained in ${s(seedDrain.ms)}; ${consistent.changes.toLocaleString('en')} changes from one UPDATE of ${bulkRows.toLocaleString('en')} progress rows checked in ${s(consistent.ms)}; pair_changes held ${mb(pairChangesSize.totalBytes)} for them (${(pairChangesSize.totalBytes / Math.max(1, pairChangesSize.rows)).toFixed(0)} B per captured change with its index).`,
        `Auto-sync repaired ${repaired.toLocaleString('en')} pairs (in batches of 200, then its check) in ${s(syncMs)}; ${updates.toLocaleString('en')} idempotent updateProgress calls in ${s(updatesMs)} (one at a time, in process).`,
        `WAL written (pg_wal_lsn_diff, cluster-wide: it includes whatever other tenants of the shared server wrote meanwhile, so read it as an upper bound): ${Object.entries(wal)
          .map(([phase, bytes]) => `${phase} ${mb(bytes)}`)
          .join(', ')}.`,
        'Sizes after `vacuum analyze`: the heap keeps the room of dead rows (reusable, not returned), as autovacuum leaves it in production.',
      );
      return {
        name: 'sweep',
        title: `Sweep and capacity figures at ${seeded.count.toLocaleString('en')} students`,
        startedAt,
        durationS: (Date.now() - startedAt.getTime()) / 1000,
        machine,
        settings: {
          students: seeded.count,
          pairs: seeded.pairs,
          desyncRate: DESYNC_RATE,
          seedS: Number(seedS.toFixed(1)),
          firstSweepS: Number((first.ms / 1000).toFixed(2)),
          steadySweepS: steady.map((v) => (v / 1000).toFixed(2)).join(' / '),
          bareSweepS: Number((bare.durationMs / 1000).toFixed(2)),
          seedCapturedChanges: seedDrain.changes,
          seedDesynced: seeded.desynced,
          usPerConsistentChange: Number(usPerChange(consistent).toFixed(1)),
          usPerOpeningChange: Number(usPerChange(opening).toFixed(1)),
          usPerResolvingChange: Number(usPerChange(resolving).toFixed(1)),
          pairChangeBytes: Math.round(pairChangesSize.totalBytes / Math.max(1, pairChangesSize.rows)),
          autoSyncRepairs: repaired,
          autoSyncS: Number((syncMs / 1000).toFixed(2)),
          ...Object.fromEntries(Object.entries(wal).map(([phase, bytes]) => [`walBytes_${phase}`, Math.round(bytes)])),
          ...Object.fromEntries(sizes.flatMap((t) => [[`rows_${t.table}`, t.rows], [`avgRowBytes_${t.table}`, Math.round(t.avgRowBytes)], [`totalBytes_${t.table}`, t.totalBytes]])),
        },
        rows,
        charts: [],
        notes,
      };
    } finally {
      await orm.close(true);
    }
  } finally {
    await client.end().catch(() => undefined);
    await database.drop();
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
