import { AUDIT_ACTIONS } from '../audit/audit-actions';
import type { AuditService } from '../audit/audit.service';
import type { AuditOrigin } from '../audit/audit.types';
import { conflict } from '../errors/domain-error';
import { readableError } from '../errors/readable-error';
import { publishSafely } from '../events/publish-safely';
import { TOPICS, type EventPublisher } from '../events/topics';
import type { LevelTable } from '../levels/level-table';
import { markConsistentWriter } from '../live/consistent-writes';
import type { Logger } from '../logging/logger';
import { checkSpecialization } from '../progress/progress.service';
import { parseId } from '../shared/ids';
import { absentPairError } from './absent-pair';
import { ONLY_ATTEMPT, type CheckRunLifecycle } from './check-run-lifecycle.service';
import type { HealthService } from './health.service';
import type { CheckRunOptions, IntegrityCheckService } from './integrity-check.service';
import { planRepair } from './repair-plan';
import { pairKey, type RepairRepository } from './repair.repository';
import type { PairKey, RepairOrigin, RepairRecord } from './repair.types';

/** Pairs repaired per transaction: few round trips per repair, row locks held for milliseconds. */
const PAIRS_PER_BATCH = 200;

class PairChanged extends Error {
  constructor() {
    super('The pair changed during its repair');
  }
}

type PairOutcome =
  | { kind: 'repaired'; repair: RepairRecord }
  | { kind: 'consistent'; resolved: number }
  | { kind: 'absent' };

/** What one committed batch did: an outcome per pair, and every violation it resolved. */
interface BatchResult {
  outcomes: PairOutcome[];
  resolvedViolationIds: number[];
}

/**
 * Restores the coupling invariant: auto-sync over every open violation, or one pair on demand.
 * Each pair is locked in the enforcer's order and re-read under the lock, so a pair fixed meanwhile
 * (by the enforcer, another repair, or an earlier attempt of a retried job) is not repaired twice.
 */
export class RepairService {
  constructor(
    private readonly repairs: RepairRepository,
    private readonly lifecycle: CheckRunLifecycle,
    private readonly checks: IntegrityCheckService,
    private readonly health: HealthService,
    private readonly levels: LevelTable,
    private readonly events: EventPublisher,
    private readonly audit: AuditService,
    private readonly logger?: Logger,
  ) {}

  /**
   * The auto-sync job's work on its run: repairs every open violation (audited with the job id),
   * records how many on the run, then runs the check on the same run, which ends it SUCCEEDED or
   * fails the attempt. Returns the number of repairs made.
   */
  async autoSync(runId: number, jobId: string, options: CheckRunOptions = {}): Promise<number> {
    let repaired = 0;
    try {
      await this.lifecycle.start(runId);
      const origin: RepairOrigin = { trigger: 'AUTO_SYNC', actorId: null, jobId };
      let after: PairKey | null = null;
      for (;;) {
        const pairs = await this.repairs.openPairs(after, PAIRS_PER_BATCH);
        const { outcomes } = await this.repairAndAnnounce(pairs, origin);
        repaired += outcomes.filter((o) => o.kind === 'repaired').length;
        if (pairs.length < PAIRS_PER_BATCH) break;
        after = pairs.at(-1)!;
      }
      this.health.invalidate();
      await this.lifecycle.recordRepairs(runId, repaired);
    } catch (error) {
      const message = `Auto-sync failed after ${repaired} repairs: ${readableError(error)}`;
      // Repairs already committed are kept: the health (and the retry) start from them.
      this.health.invalidate();
      await this.lifecycle.failAttempt(runId, message, options.attempt ?? ONLY_ATTEMPT).catch(() => null);
      throw new Error(message, { cause: error });
    }
    await this.checks.run(runId, options);
    return repaired;
  }

  /**
   * Repairs one pair now, audited as MANUAL with the caller as actor (a repair row, and a
   * LICENSE_RESYNCED entry of the audit trail in the same transaction). A pair that is already
   * consistent is refused with CONFLICT (reason ALREADY_CONSISTENT) rather than faking a repair;
   * its stale open violations, if any, are resolved all the same.
   */
  async resyncLicense(origin: AuditOrigin & { actorId: number }, studentIdRaw: string, specializationRaw: string): Promise<RepairRecord> {
    const pair: PairKey = { studentId: parseId(studentIdRaw, 'studentId'), specialization: checkSpecialization(specializationRaw) };
    const {
      outcomes: [outcome],
    } = await this.repairAndAnnounce([pair], { trigger: 'MANUAL', actorId: origin.actorId, jobId: null }, origin);
    switch (outcome!.kind) {
      case 'repaired':
        return outcome!.repair;
      case 'consistent':
        throw conflict(`Student ${pair.studentId}'s ${pair.specialization} license is already consistent with their progress`, {
          reason: 'ALREADY_CONSISTENT',
          resolvedViolations: outcome!.resolved,
        });
      case 'absent':
        throw await absentPairError(this.repairs, pair);
    }
  }

  /**
   * Repairs a batch of pairs in one transaction: every pair locked (progress rows, then license
   * rows) and re-read under the lock, so only what is still broken is planned and written. If a
   * row appears between lock and insert (assign or the enforcer racing an orphan or a missing
   * license), the batch rolls back and its pairs are retried one by one.
   */
  private async repairBatch(pairs: readonly PairKey[], origin: RepairOrigin, attempt = 1): Promise<BatchResult> {
    if (pairs.length === 0) return { outcomes: [], resolvedViolationIds: [] };
    try {
      return await this.repairs.em.transactional(async (trx): Promise<BatchResult> => {
        // Live detection skips this transaction's writes (consistent by construction): see consistent-writes.ts.
        await markConsistentWriter(trx, pairs);
        const locked = await this.repairs.lockPairs(trx, pairs);
        const items = pairs.map((pair) => {
          const { progress, license } = locked.get(pairKey(pair))!;
          return { pair, present: Boolean(progress || license), plan: planRepair(this.levels, pair.specialization, progress, license) };
        });
        const planned = items.flatMap((i) => (i.plan ? [{ pair: i.pair, plan: i.plan }] : []));
        if (!(await this.repairs.applyPlans(trx, planned))) throw new PairChanged();
        const resolved = await this.repairs.resolveOpen(trx, pairs);
        const resolvedOf = (pair: PairKey) => resolved.filter((v) => v.studentId === pair.studentId && v.specialization === pair.specialization);
        const audits = await this.repairs.insertRepairs(
          trx,
          planned.map(({ pair, plan }) => {
            const own = resolvedOf(pair);
            return { pair, plan, violationId: (own.find((v) => v.type === plan.primaryType) ?? own[0])?.id ?? null };
          }),
          origin,
        );
        const auditOf = new Map(audits.map((a) => [pairKey(a), a]));
        const outcomes = items.map((i): PairOutcome => {
          if (i.plan) return { kind: 'repaired', repair: auditOf.get(pairKey(i.pair))! };
          return i.present ? { kind: 'consistent', resolved: resolvedOf(i.pair).length } : { kind: 'absent' };
        });
        return { outcomes, resolvedViolationIds: resolved.map((v) => v.id) };
      });
    } catch (error) {
      if (!(error instanceof PairChanged) || attempt >= 3) throw error;
      if (pairs.length === 1) return this.repairBatch(pairs, origin, attempt + 1);
      const merged: BatchResult = { outcomes: [], resolvedViolationIds: [] };
      for (const pair of pairs) {
        const single = await this.repairBatch([pair], origin, attempt + 1);
        merged.outcomes.push(...single.outcomes);
        merged.resolvedViolationIds.push(...single.resolvedViolationIds);
      }
      return merged;
    }
  }

  /** A batch whose repairs are also entries of the audit trail, committed with them (the batch's transaction nests in the audit's). */
  private auditedBatch(pairs: readonly PairKey[], origin: RepairOrigin, audited: AuditOrigin): Promise<BatchResult> {
    return this.audit.inTransaction(async (record) => {
      const result = await this.repairBatch(pairs, origin);
      for (const outcome of result.outcomes) {
        if (outcome.kind !== 'repaired') continue;
        const { repair } = outcome;
        await record({
          origin: audited,
          action: AUDIT_ACTIONS.LICENSE_RESYNCED,
          targetType: 'Pair',
          targetId: `${repair.studentId}:${repair.specialization}`,
          before: repair.before,
          after: { ...repair.after, repairId: repair.id, repairAction: repair.action },
        });
      }
      return result;
    });
  }

  /**
   * Repairs a batch, then tells every dashboard (through every API replica) what changed, so open
   * violation tables, the repair audit and the metrics follow without waiting for the next check.
   * Published after the commit, and only when something changed.
   */
  private async repairAndAnnounce(pairs: readonly PairKey[], origin: RepairOrigin, audited?: AuditOrigin): Promise<BatchResult> {
    const result = audited ? await this.auditedBatch(pairs, origin, audited) : await this.repairBatch(pairs, origin);
    const repairs = result.outcomes.flatMap((o) => (o.kind === 'repaired' ? [o.repair] : []));
    if (repairs.length === 0 && result.resolvedViolationIds.length === 0) return result;
    this.health.invalidate();
    await publishSafely(
      this.events,
      TOPICS.REPAIRS_MADE,
      { ...origin, repairs, resolvedViolationIds: result.resolvedViolationIds, madeAt: new Date() },
      this.logger,
    );
    return result;
  }
}
