import { Redis } from 'ioredis';
import { Client } from 'pg';

export interface ConnectionPeaks {
  /** Peak PostgreSQL backends on the database by application_name (the load stack names the API and workers through PGAPPNAME). */
  postgres: Record<string, number>;
  /** Peak Redis client connections (this census's own excluded), all names together and by connection name ('' when unnamed). */
  redis: { total: number; byName: Record<string, number> };
  samples: number;
}

/**
 * Counts who holds connections while a scenario runs: PostgreSQL backends of one database grouped
 * by application_name, and the Redis server's clients, every `intervalMs`; keeps the peak of each.
 */
export class ConnectionCensus {
  private readonly pg: Record<string, number> = {};
  private readonly redisByName: Record<string, number> = {};
  private redisTotal = 0;
  private samples = 0;
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly redisUrl: string,
    private readonly intervalMs = 200,
  ) {}

  async start(): Promise<this> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'loadtest-census' });
    await client.connect();
    const redis = new Redis(this.redisUrl, { connectionName: 'loadtest-census', maxRetriesPerRequest: 1 });
    this.running = true;
    this.loop = (async () => {
      try {
        while (this.running) {
          const { rows } = await client.query<{ app: string; n: number }>(
            `select application_name as app, count(*)::int as n from pg_stat_activity
             where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend' group by 1`,
          );
          for (const { app, n } of rows) this.pg[app || '(unnamed)'] = Math.max(this.pg[app || '(unnamed)'] ?? 0, n);
          const list = String(await redis.client('LIST'));
          const names = list
            .split('\n')
            .filter((line) => line.trim())
            .map((line) => /(?:^| )name=(\S*)/.exec(line)?.[1] ?? '')
            .filter((name) => name !== 'loadtest-census');
          this.redisTotal = Math.max(this.redisTotal, names.length);
          const counts: Record<string, number> = {};
          for (const name of names) counts[name] = (counts[name] ?? 0) + 1;
          for (const [name, n] of Object.entries(counts)) this.redisByName[name] = Math.max(this.redisByName[name] ?? 0, n);
          this.samples += 1;
          await new Promise((resolve) => setTimeout(resolve, this.intervalMs));
        }
      } finally {
        await client.end().catch(() => undefined);
        redis.disconnect();
      }
    })();
    // A failure ends the loop; stop() rethrows it.
    this.loop.catch(() => undefined);
    return this;
  }

  async stop(): Promise<ConnectionPeaks> {
    this.running = false;
    await this.loop;
    return { postgres: { ...this.pg }, redis: { total: this.redisTotal, byName: { ...this.redisByName } }, samples: this.samples };
  }
}
