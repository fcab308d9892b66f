import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APPLY_XP } from '../../../server/src/domain/progress/progress.repository';

/** The same statement as a pgbench script: a random seeded student, a random specialization, 10–200 XP. */
export function pgbenchScript(applyXpSql: string, firstId: number, lastId: number): string {
  const bindings = [':sid', "(array['PLAYER','COACH','INTERNSHIP'])[:spec]", ':xp', ':xp', ':xp'];
  let index = 0;
  const statement = applyXpSql.replace(/\?/g, () => {
    const binding = bindings[index++];
    if (!binding) throw new Error('the enforcer statement has more placeholders than expected; update pgbenchScript');
    return binding;
  });
  if (index !== bindings.length) throw new Error('the enforcer statement has fewer placeholders than expected; update pgbenchScript');
  return [
    `\\set sid random(${firstId}, ${lastId})`,
    '\\set spec random(1, 3)',
    '\\set xp random(10, 200)',
    `${statement.trim()};`,
    '',
  ].join('\n');
}

export interface PgbenchResult {
  tps: number;
  latencyAvgMs: number;
  transactions: number;
  failed: number;
  script: string;
  /**
   * With a fixed rate (`-R`): per-transaction latencies from pgbench's log (`-l`), each counted
   * from the transaction's scheduled start, so schedule lag is included as in our open-loop
   * generator; and the lag on its own.
   */
  fixedRate?: { latenciesMs: Float64Array; lagMs: Float64Array };
}

/** pgbench with the enforcer's statement: the ceiling our API's updateProgress is compared with. */
export async function runPgbench(options: {
  databaseUrl: string;
  firstId: number;
  lastId: number;
  clients: number;
  durationS: number;
  /** Transactions per second to offer (`-R`, Poisson-spaced by pgbench); as fast as possible when absent. */
  rate?: number;
}): Promise<PgbenchResult> {
  const script = pgbenchScript(APPLY_XP.text, options.firstId, options.lastId);
  const dir = mkdtempSync(join(tmpdir(), 'levelsync-pgbench-'));
  const file = join(dir, 'apply-xp.sql');
  writeFileSync(file, script);
  try {
    const throttle = options.rate ? ['-R', String(options.rate), '-l', `--log-prefix=${join(dir, 'tx')}`] : [];
    const output = await run(
      'pgbench',
      // Prepared, as the API runs it (a named statement per connection, see server/src/domain/database/sql.ts).
      ['-n', '-M', 'prepared', '-c', String(options.clients), '-j', '2', '-T', String(options.durationS), ...throttle, '-f', file, options.databaseUrl],
      dir,
    );
    const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? NaN);
    const latencyAvgMs = Number(/latency average = ([\d.]+) ms/.exec(output)?.[1] ?? NaN);
    const transactions = Number(/number of transactions actually processed: (\d+)/.exec(output)?.[1] ?? NaN);
    const failed = Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0);
    if (!Number.isFinite(tps)) throw new Error(`could not read pgbench output:\n${output}`);
    const fixedRate = options.rate ? readTransactionLogs(dir, 'tx') : undefined;
    return { tps, latencyAvgMs, transactions, failed, script, ...(fixedRate ? { fixedRate } : {}) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * pgbench's per-transaction log lines (`client_id transaction_no time script_no time_epoch
 * time_us schedule_lag`, one file per thread). With `-R`, `time` runs from the scheduled start,
 * so it already contains `schedule_lag`. Both are in microseconds.
 */
export function parseTransactionLog(text: string): { latenciesMs: number[]; lagMs: number[] } {
  const latenciesMs: number[] = [];
  const lagMs: number[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 7) continue;
    const time = fields[2]!;
    // "skipped" (only with --latency-limit) or "failed" (pgbench ≥ 15 with --failures-detailed) are not latencies.
    if (!/^\d+$/.test(time)) continue;
    latenciesMs.push(Number(time) / 1000);
    lagMs.push(Number(fields[6]) / 1000);
  }
  return { latenciesMs, lagMs };
}

function readTransactionLogs(dir: string, prefix: string): { latenciesMs: Float64Array; lagMs: Float64Array } {
  const latencies: number[] = [];
  const lags: number[] = [];
  for (const name of readdirSync(dir).filter((n) => n.startsWith(`${prefix}.`))) {
    const parsed = parseTransactionLog(readFileSync(join(dir, name), 'utf8'));
    latencies.push(...parsed.latenciesMs);
    lags.push(...parsed.lagMs);
  }
  if (!latencies.length) throw new Error('pgbench wrote no per-transaction log');
  return { latenciesMs: Float64Array.from(latencies).sort(), lagMs: Float64Array.from(lags).sort() };
}

function run(command: string, args: string[], cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(cwd ? { cwd } : {}) });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', (error) => reject(new Error(`${command} could not start (${error.message}); install postgresql-client`)));
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} exited with ${code}:\n${output}`))));
  });
}
