import { Query, Resolver } from 'type-graphql';
import type { HealthMetricsSnapshot, HealthService } from '../../domain/integrity/health.service';
import type { HealthStatusSnapshot } from '../../domain/integrity/integrity.types';
import { HealthMetricsType } from './health-metrics.type';
import { HealthStatusType } from './health-status.type';

@Resolver()
export class HealthResolver {
  constructor(private readonly health: Pick<HealthService, 'status' | 'metrics'>) {}

  @Query(() => HealthStatusType, { nullable: true, description: 'Health from the latest finished check, the active run, the next scheduled one.' })
  healthStatus(): Promise<HealthStatusSnapshot> {
    return this.health.status();
  }

  @Query(() => HealthMetricsType, { nullable: true })
  healthMetrics(): Promise<HealthMetricsSnapshot> {
    return this.health.metrics();
  }
}
