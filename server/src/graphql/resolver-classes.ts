import type { NonEmptyArray } from 'type-graphql';
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
import { SystemInfoResolver } from './system/system-info.resolver';
import { UserResolver } from './users/user.resolver';

/** Every resolver class of the schema: a new one is listed here and given its instance in resolver-instances.ts. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVER_CLASSES: NonEmptyArray<Function> = [
  AuthResolver,
  UserResolver,
  AuditLogResolver,
  ProgressResolver,
  SpecializationProgressResolver,
  CheckJobsResolver,
  LiveIntegrityResolver,
  LiveRepairsResolver,
  LiveViolationsResolver,
  HealthResolver,
  ViolationResolver,
  CheckRunHistoryResolver,
  RepairResolver,
  RepairPreviewResolver,
  SystemInfoResolver,
  AlertRuleResolver,
  AlertResolver,
  NotificationChannelResolver,
  NotificationDeliveryResolver,
];
