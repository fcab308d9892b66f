import { Client } from 'pg';

export interface ActivityPoint {
  /** Date.now() of the sample. */
  at: number;
  /** Backends connected to the database (the API's pool plus anything else on it). */
  connected: number;
  /** Backends running a statement at that instant. */
  active: number;
  /** Active backends by wait event ("IO:WALSync", "Lock:transactionid", "running" when none). */
  waits: Record<string, number>;
}

export interface ActivitySummary {
  samples: number;
  peakConnected: number;
  peakActive: number;
  meanActive: number;
  /** Share of samples in which every connected backend was running a statement. */
  allBusyShare: number;
  /** Wait events over all active samples, most frequent first, as shares of active backend-samples. */
  waits: Array<{ event: string; share: number }>;
}

/**
 * Samples pg_stat_activity for one database from a connection of its own, to see how many of the
 * API's pooled connections are busy and what they wait on, without touching the API.
 */
export class PgActivitySampler {
  private readonly points: ActivityPoint[] = [];
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly intervalMs = 50,
  ) {}

  async start(): Promise<this> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'loadtest-activity-sampler' });
    await client.connect();
    this.running = true;
    this.loop = (async () => {
      try {
        while (this.running) {
          const { rows } = await client.query<{ state: string | null; wait: string | null; n: string }>(
            `select state, wait_event_type || ':' || wait_event as wait, count(*) as n
             from pg_stat_activity
             where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
             group by 1, 2`,
          );
          const point: ActivityPoint = { at: Date.now(), connected: 0, active: 0, waits: {} };
          for (const row of rows) {
            const n = Number(row.n);
            point.connected += n;
            if (row.state !== 'active') continue;
            point.active += n;
            const event = row.wait ?? 'running';
            point.waits[event] = (point.waits[event] ?? 0) + n;
          }
          this.points.push(point);
          await new Promise((r) => setTimeout(r, this.intervalMs));
        }
      } finally {
        await client.end().catch(() => undefined);
      }
    })();
    return this;
  }

  async stop(): Promise<ActivityPoint[]> {
    this.running = false;
    await this.loop;
    return this.points;
  }
}

export function summariseActivity(points: ActivityPoint[]): ActivitySummary {
  const waits = new Map<string, number>();
  let activeTotal = 0;
  for (const p of points) {
    activeTotal += p.active;
    for (const [event, n] of Object.entries(p.waits)) waits.set(event, (waits.get(event) ?? 0) + n);
  }
  return {
    samples: points.length,
    peakConnected: Math.max(0, ...points.map((p) => p.connected)),
    peakActive: Math.max(0, ...points.map((p) => p.active)),
    meanActive: points.length ? activeTotal / points.length : 0,
    allBusyShare: points.length ? points.filter((p) => p.connected > 0 && p.active >= p.connected).length / points.length : 0,
    waits: [...waits.entries()].sort((a, b) => b[1] - a[1]).map(([event, n]) => ({ event, share: activeTotal ? n / activeTotal : 0 })),
  };
}
