import { REPO_ROOT } from '../stack/api-process';
import type { LoadStack } from '../stack/load-stack';
import { resolveSourceTree } from '../stack/source-snapshot';
import { QueueProbe, RunEventLog, spreadStudentIds, waitForIdle } from './worker-check';
import { startWorkerProcess, type WorkerProcess } from './worker-process';

export interface TwoWorkers {
  readonly workers: readonly [WorkerProcess, WorkerProcess];
  readonly probe: QueueProbe;
  /** Every run event published from the moment the workers were idle. */
  readonly events: RunEventLog;
}

/**
 * What each worker fault starts from: two real worker processes (named `names`, pausing
 * `stepDelayMs` after each progress step) on the stack, an idle queue, and student ids spread so a
 * check takes long enough to interrupt. `body` runs with them; everything is stopped afterwards,
 * however it ends.
 */
export async function withTwoWorkers<T>(
  stack: LoadStack,
  options: { names: readonly [string, string]; stepDelayMs: number },
  body: (setup: TwoWorkers) => Promise<T>,
): Promise<T> {
  const source = resolveSourceTree(REPO_ROOT);
  const probe = new QueueProbe(stack);
  const workers: WorkerProcess[] = [];
  let events: RunEventLog | null = null;
  try {
    const start = (name: string) => startWorkerProcess(stack, { sourceRoot: source.root, stepDelayMs: options.stepDelayMs, name });
    workers.push(...(await Promise.all(options.names.map(start))));
    await waitForIdle(stack, probe);
    await spreadStudentIds(stack);
    events = await RunEventLog.open(stack);
    return await body({ workers: [workers[0]!, workers[1]!], probe, events });
  } finally {
    events?.close();
    await Promise.all(workers.map((w) => w.kill()));
    await probe.close();
    source.remove();
  }
}
