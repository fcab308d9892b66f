import type { Orm } from '../database/database';
import { query, type Sql } from '../database/sql';
import type { ViolationType } from './integrity.types';

export interface IntegrityCounts {
  openViolationsByType: Array<{ type: ViolationType; count: number }>;
  checksLast24h: number;
  repairsLast24h: number;
  averageConsistencyRate: number | null;
  missedByLiveDetectionLast24h: number;
}

/** Small counts for the dashboard, each answered from a partial or time index. */
export class IntegrityStatsRepository {
  constructor(private readonly orm: Orm) {}

  private get sql(): Sql {
    return this.orm.em;
  }

  async openViolations(): Promise<number> {
    const [row] = await query<{ count: number }>(this.sql, 'select count(*)::int as count from violations where resolved_at is null');
    return row!.count;
  }

  async counts(): Promise<IntegrityCounts> {
    const [byType, [runs], [repairs]] = await Promise.all([
      query<{ type: ViolationType; count: number }>(
        this.sql,
        'select type, count(*)::int as count from violations where resolved_at is null group by type order by type',
      ),
      query<{ checks: number; average: number | null; missed: number }>(
        this.sql,
        `select count(*)::int as checks, avg(consistency_rate) filter (where state = 'SUCCEEDED') as average,
                coalesce(sum(missed_by_live_detection), 0)::int as missed
         from check_runs where finished_at > now() - interval '24 hours'`,
      ),
      query<{ repairs: number }>(
        this.sql,
        `select count(*)::int as repairs from repairs where created_at > now() - interval '24 hours'`,
      ),
    ]);
    return {
      openViolationsByType: byType,
      checksLast24h: runs!.checks,
      repairsLast24h: repairs!.repairs,
      averageConsistencyRate: runs!.average,
      missedByLiveDetectionLast24h: runs!.missed,
    };
  }
}
