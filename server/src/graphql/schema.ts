import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray, type PubSub } from 'type-graphql';
import { AuthResolver } from './auth/auth.resolver';
import { authChecker } from './common/auth-checker';
import './common/enums';
import { DomainErrorMiddleware } from './common/errors';
import { NO_LIVE_EVENTS } from './subscriptions/no-live-events';
import { CheckJobsResolver } from './integrity/check-jobs.resolver';
import { CheckRunHistoryResolver } from './integrity/check-run-history.resolver';
import { HealthResolver } from './integrity/health.resolver';
import { LiveIntegrityResolver } from './integrity/live-integrity.resolver';
import { LiveRepairsResolver } from './integrity/live-repairs.resolver';
import { RepairPreviewResolver } from './integrity/repair-preview.resolver';
import { RepairResolver } from './integrity/repair.resolver';
import { ViolationResolver } from './integrity/violation.resolver';
import { ProgressResolver } from './progress/progress.resolver';
import { SpecializationProgressResolver } from './progress/specialization-progress.resolver';
import { SystemInfoResolver } from './system/system-info.resolver';
import { UserResolver } from './users/user.resolver';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const RESOLVERS: NonEmptyArray<Function> = [
  AuthResolver,
  UserResolver,
  ProgressResolver,
  SpecializationProgressResolver,
  CheckJobsResolver,
  LiveIntegrityResolver,
  LiveRepairsResolver,
  HealthResolver,
  ViolationResolver,
  CheckRunHistoryResolver,
  RepairResolver,
  RepairPreviewResolver,
  SystemInfoResolver,
];

export function buildApiSchema(pubSub?: PubSub): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    validate: { forbidUnknownValues: true },
    authChecker,
    authMode: 'error',
    globalMiddlewares: [DomainErrorMiddleware],
    // Subscriptions need a pub/sub even where nothing is delivered (schema emission, query-only tests).
    pubSub: pubSub ?? NO_LIVE_EVENTS,
  });
}
