import { AuditEntry } from '../audit/audit-entry.entity';
import { AlertRule } from '../alerts/alert-rule.entity';
import { AlertTransition } from '../alerts/alert-transition.entity';
import { Alert } from '../alerts/alert.entity';
import { DeliveryAttempt } from '../alerts/delivery-attempt.entity';
import { NotificationChannel } from '../alerts/notification-channel.entity';
import { NotificationDelivery } from '../alerts/notification-delivery.entity';
import { ProcessSample } from '../alerts/process-sample.entity';
import { CheckRun } from '../integrity/check-run.entity';
import { Repair } from '../integrity/repair.entity';
import { Violation } from '../integrity/violation.entity';
import { SpecializationLevel } from '../levels/specialization-level.entity';
import { PairChange } from '../live/pair-change.entity';
import { IdempotencyRecord } from '../progress/idempotency-record.entity';
import { License } from '../progress/license.entity';
import { SpecializationProgress } from '../progress/specialization-progress.entity';
import { User } from '../users/user.entity';

/** Every table of the schema, each described once by its entity (the migrations' snapshot is made from these). */
export const ENTITIES = [User, SpecializationLevel, SpecializationProgress, License, IdempotencyRecord, CheckRun, Violation, Repair, PairChange, AuditEntry,
  AlertRule, Alert, AlertTransition, NotificationChannel, NotificationDelivery, DeliveryAttempt, ProcessSample,
];
