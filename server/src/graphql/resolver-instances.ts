import type { ContainerType } from 'type-graphql';
import type { DomainServices } from '../domain/services';
import { AuditLogResolver } from './audit/audit-log.resolver';
import { AlertRuleResolver } from './alerts/alert-rule.resolver';
import { AlertResolver } from './alerts/alert.resolver';
import { NotificationChannelResolver } from './alerts/notification-channel.resolver';
import { NotificationDeliveryResolver } from './alerts/notification-delivery.resolver';
import { AuthResolver } from './auth/auth.resolver';
import { CheckJobsResolver } from './integrity/check-jobs.resolver';
import { CheckRunHistoryResolver } from './integrity/check-run-history.resolver';
import { HealthResolver } from './integrity/health.resolver';
import { LiveIntegrityResolver } from './integrity/live-integrity.resolver';
import { LiveRepairsResolver } from './integrity/live-repairs.resolver';
import { LiveViolationsResolver } from './integrity/live-violations.resolver';
import { RepairPreviewResolver } from './integrity/repair-preview.resolver';
import { RepairResolver } from './integrity/repair.resolver';
import { ViolationResolver } from './integrity/violation.resolver';
import { ProgressResolver } from './progress/progress.resolver';
import { SpecializationProgressResolver } from './progress/specialization-progress.resolver';
import { RESOLVER_CLASSES } from './resolver-classes';
import { SystemInfoResolver } from './system/system-info.resolver';
import { UserResolver } from './users/user.resolver';

/** The domain services the resolvers call, all told; each resolver gets only its own through its constructor. */
export type ResolverDependencies = Pick<
  DomainServices,
  'auth' | 'users' | 'audit' | 'progress' | 'levels' | 'checkRequests' | 'health' | 'integrityReads' | 'repairs' | 'repairPreview' | 'jobs' | 'alerts'
>;

/**
 * The one place resolver instances are made: one of each class, built at composition, handed to
 * `buildSchema({ container })`. type-graphql asks it for the instance of a class when one of the
 * class's fields executes.
 */
export function createResolverInstances(deps: ResolverDependencies): ContainerType {
  const instances: object[] = [
    new AuthResolver(deps.auth),
    new UserResolver(deps.users),
    new AuditLogResolver(deps.audit),
    new ProgressResolver(deps.progress),
    new SpecializationProgressResolver(deps.levels),
    new CheckJobsResolver(deps.checkRequests),
    new LiveIntegrityResolver(),
    new LiveRepairsResolver(),
    new LiveViolationsResolver(),
    new HealthResolver(deps.health),
    new ViolationResolver(deps.integrityReads, deps.levels),
    new CheckRunHistoryResolver(deps.integrityReads),
    new RepairResolver(deps.integrityReads, deps.repairs),
    new RepairPreviewResolver(deps.repairPreview),
    new SystemInfoResolver(deps.jobs, deps.health),
    new AlertRuleResolver(deps.alerts),
    new AlertResolver(deps.alerts),
    new NotificationChannelResolver(deps.alerts),
    new NotificationDeliveryResolver(deps.alerts),
  ];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  const byClass = new Map<Function, object>(instances.map((instance) => [instance.constructor, instance]));
  // A class in the schema without an instance would fail only when a client first asks for its fields.
  const missing = RESOLVER_CLASSES.filter((resolverClass) => !byClass.has(resolverClass)).map((resolverClass) => resolverClass.name);
  if (missing.length > 0) throw new Error(`No resolver instance for ${missing.join(', ')} (graphql/resolver-instances.ts)`);
  return {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    get(resolverClass: Function) {
      const instance = byClass.get(resolverClass);
      if (!instance) throw new Error(`No resolver instance for ${resolverClass.name} (graphql/resolver-instances.ts)`);
      return instance;
    },
  };
}

/** For a schema that is printed or validated against, never executed (`npm run gen:schema`). */
export const NO_RESOLVER_INSTANCES: ContainerType = {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  get(resolverClass: Function) {
    throw new Error(`${resolverClass.name} has no instance: this schema was built without resolvers (printing only)`);
  },
};
