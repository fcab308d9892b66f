import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

/**
 * Preloaded into the API child by the load stack (`node --require <compiled copy>`), never into
 * production: every WINDOW_MS it appends one JSON line to LOADTEST_RUNTIME_MONITOR_FILE with the
 * event-loop delay, the garbage-collection pauses and the CPU and heap of that window, so a
 * scenario can tell a stall inside the API (loop blocked, GC) from one outside it (PostgreSQL,
 * the generator). Its own cost is one histogram, one observer and one write every quarter second.
 */
export interface RuntimeWindow {
  /** Date.now() at the end of the window. */
  at: number;
  windowMs: number;
  /** Event-loop delay over the window (ms): how late a timer that should fire at once fired. */
  loopP50: number;
  loopP99: number;
  loopMax: number;
  gcCount: number;
  /** Mark-compact (full) collections in the window. */
  gcMajor: number;
  gcMs: number;
  gcMaxMs: number;
  /** CPU (user + system) the process used in the window, in ms. */
  cpuMs: number;
  heapUsedMb: number;
  rssMb: number;
}

export const RUNTIME_MONITOR_ENV = 'LOADTEST_RUNTIME_MONITOR_FILE';
const WINDOW_MS = 250;
// perf_hooks.constants.NODE_PERFORMANCE_GC_MAJOR
const GC_MAJOR = 4;

function startMonitor(file: string): void {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let gcCount = 0;
  let gcMajor = 0;
  let gcMs = 0;
  let gcMaxMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as Array<PerformanceEntry & { detail?: { kind?: number } }>) {
      gcCount += 1;
      gcMs += entry.duration;
      gcMaxMs = Math.max(gcMaxMs, entry.duration);
      if (entry.detail?.kind === GC_MAJOR) gcMajor += 1;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  let cpu = process.cpuUsage();
  let last = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    const window: RuntimeWindow = {
      at: now,
      windowMs: now - last,
      loopP50: loop.percentile(50) / 1e6,
      loopP99: loop.percentile(99) / 1e6,
      loopMax: loop.max / 1e6,
      gcCount,
      gcMajor,
      gcMs,
      gcMaxMs,
      cpuMs: (used.user + used.system) / 1000,
      heapUsedMb: memory.heapUsed / 1048576,
      rssMb: memory.rss / 1048576,
    };
    last = now;
    loop.reset();
    gcCount = gcMajor = gcMs = gcMaxMs = 0;
    appendFileSync(file, `${JSON.stringify(window)}\n`);
  }, WINDOW_MS);
  timer.unref();
}

const target = process.env[RUNTIME_MONITOR_ENV];
if (target) startMonitor(target);
