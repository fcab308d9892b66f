import type { Orm } from '../database/database';
import { query } from '../database/sql';
import { CAUGHT_UP_LAG_MS, LIVE_CHECKER_LOCK, type LiveDetectionStatus } from './live-detection.types';

/**
 * Whether a live checker runs is PostgreSQL's own answer: is the checker's advisory lock held in
 * this database? No heartbeat to keep, and a killed checker reads as gone at once.
 */
export class LiveDetectionRepository {
  constructor(private readonly orm: Orm) {}

  async status(): Promise<LiveDetectionStatus> {
    const [row] = await query<{ running: boolean; lag_ms: number | null; open_pairs: number }>(
      this.orm.em,
      `select exists (select 1 from pg_locks
                      where locktype = 'advisory' and granted and classid = ? and objid = ? and objsubid = 2
                        and database = (select oid from pg_database where datname = current_database())) as running,
              (select (extract(epoch from clock_timestamp() - changed_at) * 1000)::int
               from pair_changes order by id limit 1) as lag_ms,
              (select count(*)::int from (select distinct student_id, specialization from violations where resolved_at is null) o) as open_pairs`,
      [...LIVE_CHECKER_LOCK],
    );
    const lagMs = row!.lag_ms === null ? null : Math.max(0, row!.lag_ms);
    const state = !row!.running ? 'OFF' : lagMs !== null && lagMs > CAUGHT_UP_LAG_MS ? 'LAGGING' : 'ON';
    return { state, lagMs, openPairs: row!.open_pairs };
  }
}
