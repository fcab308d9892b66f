import { AUDIT_ACTIONS } from '../audit/audit-actions';
import type { AuditService } from '../audit/audit.service';
import type { AuditOrigin } from '../audit/audit.types';
import type { CheckRunLifecycle } from './check-run-lifecycle.service';
import type { CheckRunSnapshot } from './integrity.types';

/**
 * "Check now" and "sync now" asked for by a person: the lifecycle reserves the run (or answers the one
 * already queued or running), and the request is audited with the run it got. The queue is not the
 * database, so the entry follows the reservation rather than sharing its transaction.
 */
export class CheckRequestsService {
  constructor(
    private readonly lifecycle: Pick<CheckRunLifecycle, 'requestCheck' | 'requestAutoSync'>,
    private readonly audit: AuditService,
  ) {}

  async check(origin: AuditOrigin): Promise<CheckRunSnapshot> {
    const run = await this.lifecycle.requestCheck('MANUAL');
    await this.audit.record({ origin, action: AUDIT_ACTIONS.CHECK_REQUESTED, targetType: 'CheckRun', targetId: run.id, after: { state: run.state, trigger: run.trigger } });
    return run;
  }

  async autoSync(origin: AuditOrigin): Promise<CheckRunSnapshot> {
    const run = await this.lifecycle.requestAutoSync();
    await this.audit.record({ origin, action: AUDIT_ACTIONS.AUTO_SYNC_REQUESTED, targetType: 'CheckRun', targetId: run.id, after: { state: run.state, trigger: run.trigger } });
    return run;
  }
}
