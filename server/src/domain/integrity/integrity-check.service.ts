import { readableError } from '../errors/readable-error';
import { ONLY_ATTEMPT, type Attempt, type CheckRunLifecycle } from './check-run-lifecycle.service';
import type { ConsistencyScanRepository, ScanBounds } from './consistency-scan.repository';
import { consistencyRate, healthStateFor, type HealthThresholds } from './health-state';
import type { CheckRunSnapshot } from './integrity.types';
import type { Logger } from '../logging/logger';

export interface CheckRunOptions {
  /** Called after each chunk with the share done (0..1), after the run row is updated and published. */
  onProgress?: (progress: number) => void | Promise<void>;
  /** Which try of its job this is: a failure with attempts left is retried, not final. */
  attempt?: Attempt;
}

/** Students per chunk: small enough to report progress often, big enough that per-statement costs vanish. */
const STUDENTS_PER_CHUNK = 20_000;
const MAX_CHUNKS = 50;
/**
 * Chunks scanned at once, each on its own connection: PostgreSQL runs one statement on one core,
 * so two keep a 2-core database as busy as its own parallel query would, and no busier.
 */
const CONCURRENT_CHUNKS = 2;

export interface Chunk {
  lo: number;
  /** Exclusive. */
  hi: number;
}

/** Splits the student-id span into at most MAX_CHUNKS contiguous ranges. */
export function planChunks(bounds: ScanBounds | null): Chunk[] {
  if (!bounds) return [];
  const span = bounds.hi - bounds.lo + 1;
  const count = Math.min(MAX_CHUNKS, Math.max(1, Math.ceil(span / STUDENTS_PER_CHUNK)));
  const width = Math.ceil(span / count);
  const chunks: Chunk[] = [];
  for (let lo = bounds.lo; lo <= bounds.hi; lo += width) chunks.push({ lo, hi: Math.min(lo + width, bounds.hi + 1) });
  return chunks;
}

/**
 * Runs one integrity check: every violation type, set-based inside PostgreSQL, chunk by chunk over
 * student ids. Each state change goes through the run's lifecycle, which stores it, then publishes
 * it; a failure is handed to the lifecycle as a failed attempt and rethrown so the job layer retries.
 */
export class IntegrityCheckService {
  constructor(
    private readonly lifecycle: CheckRunLifecycle,
    private readonly scan: ConsistencyScanRepository,
    private readonly thresholds: HealthThresholds,
    private readonly logger?: Logger,
  ) {}

  async run(runId: number, options: CheckRunOptions = {}): Promise<CheckRunSnapshot> {
    let done: CheckRunSnapshot;
    try {
      // The bounds are read while the run is marked RUNNING: they need nothing from it.
      const [, statement, bounds] = await Promise.all([this.lifecycle.start(runId), this.scan.prepareChunkStatement(), this.scan.bounds()]);
      const { pairsChecked, inconsistent, missed, missedSample } = await this.scanAll(runId, statement, planChunks(bounds), options);
      const rate = consistencyRate(pairsChecked, inconsistent);
      if (missed > 0) {
        // The sweep is live detection's reconciliation: what it finds that the incremental path did not is a bug.
        this.logger?.error(
          { runId, missedByLiveDetection: missed, pairs: missedSample },
          `LIVE DETECTION MISSED ${missed} PAIR(S): the sweep opened or resolved their violations with no captured change waiting`,
        );
      }
      done = await this.lifecycle.succeed(runId, {
        pairsChecked,
        inconsistent,
        consistencyRate: rate,
        healthState: healthStateFor(rate, this.thresholds),
        missedByLiveDetection: missed,
      });
    } catch (error) {
      const message = `Integrity check failed: ${readableError(error)}`;
      await this.lifecycle.failAttempt(runId, message, options.attempt ?? ONLY_ATTEMPT).catch(() => null);
      // The job layer logs this message too: give it the readable one, keep the original as cause.
      throw new Error(message, { cause: error });
    }
    await options.onProgress?.(1);
    return done;
  }

  /** Scans the chunks CONCURRENT_CHUNKS at a time; the first failure stops the others taking more. */
  private async scanAll(runId: number, statement: string, chunks: Chunk[], options: CheckRunOptions) {
    const totals = { pairsChecked: 0, inconsistent: 0, missed: 0, missedSample: [] as string[] };
    let next = 0;
    let finished = 0;
    let failed = false;
    // Chunks finish in any order; their progress steps are stored and published one after another.
    let reporting = Promise.resolve();
    const worker = async (): Promise<void> => {
      while (!failed && next < chunks.length) {
        const chunk = chunks[next++]!;
        try {
          const result = await this.scan.scanChunk(statement, runId, chunk.lo, chunk.hi);
          totals.pairsChecked += result.pairs;
          totals.inconsistent += result.inconsistent;
          totals.missed += result.missedByLiveDetection;
          totals.missedSample.push(...result.missedSample.slice(0, Math.max(0, 10 - totals.missedSample.length)));
        } catch (error) {
          failed = true;
          throw error;
        }
        finished += 1;
        if (finished < chunks.length) {
          const progress = finished / chunks.length;
          // Not awaited here: the next chunk's scan need not wait for the previous step's round trips.
          reporting = reporting.then(() => this.reportProgress(runId, progress, options));
          // Handled now (no unhandled rejection while scans go on), rethrown by the await below.
          reporting.catch(() => {
            failed = true;
          });
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(CONCURRENT_CHUNKS, chunks.length) }, worker));
    } finally {
      // Every step is stored and announced before the run's final state (or its failure) is.
      await reporting.catch(() => undefined);
    }
    await reporting;
    return totals;
  }

  private async reportProgress(runId: number, progress: number, options: CheckRunOptions): Promise<void> {
    if (!(await this.lifecycle.progress(runId, progress))) return;
    await options.onProgress?.(progress);
  }
}
