import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { HealthMetricsSnapshot } from '../../domain/integrity/health.service';
import type { HealthStatusSnapshot } from '../../domain/integrity/integrity.types';
import type { GraphQLContext } from '../context';
import { HealthMetricsType } from './health-metrics.type';
import { HealthStatusType } from './health-status.type';

@Resolver()
export class HealthResolver {
  @Authorized('ADMIN')
  @Query(() => HealthStatusType, { nullable: true, description: 'Health from the latest finished check, the active run, the next scheduled one.' })
  healthStatus(@Ctx() ctx: GraphQLContext): Promise<HealthStatusSnapshot> {
    return ctx.services.health.status();
  }

  @Authorized('ADMIN')
  @Query(() => HealthMetricsType, { nullable: true })
  healthMetrics(@Ctx() ctx: GraphQLContext): Promise<HealthMetricsSnapshot> {
    return ctx.services.health.metrics();
  }
}
