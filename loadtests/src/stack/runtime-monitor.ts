import { transformFileSync } from '@swc/core';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUNTIME_MONITOR_ENV, type RuntimeWindow } from './runtime-monitor.preload';

export type { RuntimeWindow };

export interface RuntimeSummary {
  windows: number;
  /** Worst event-loop delay seen (ms) and the median of the windows' p99. */
  loopMaxMs: number;
  loopP99MedianMs: number;
  /** Windows (of ~250 ms) in which the loop was held for more than 50 ms at once. */
  windowsLoopOver50: number;
  gcCount: number;
  gcMajor: number;
  gcMs: number;
  gcMaxMs: number;
  /** CPU the API used, in percent of one core over the span. */
  cpuPercent: number;
  peakHeapMb: number;
}

/**
 * The API child's runtime monitor (see runtime-monitor.preload.ts): compiles the preload to plain
 * JavaScript (the child runs compiled code, without SWC's require hook), and reads back the
 * windows a phase of a scenario covered.
 */
export class RuntimeMonitor {
  private readonly dir = mkdtempSync(join(tmpdir(), 'levelsync-runtime-monitor-'));
  readonly file = join(this.dir, 'windows.jsonl');
  readonly preload = join(this.dir, 'runtime-monitor.preload.js');

  constructor() {
    const { code } = transformFileSync(join(__dirname, 'runtime-monitor.preload.ts'), {
      swcrc: false,
      module: { type: 'commonjs' },
      jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    });
    writeFileSync(this.preload, code);
  }

  nodeArgs(): string[] {
    return ['--require', this.preload];
  }

  env(): Record<string, string> {
    return { [RUNTIME_MONITOR_ENV]: this.file };
  }

  /** The windows that ended between `fromMs` and `toMs` (Date.now() values). */
  windows(fromMs: number, toMs: number): RuntimeWindow[] {
    if (!existsSync(this.file)) return [];
    return readFileSync(this.file, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as RuntimeWindow)
      .filter((w) => w.at > fromMs && w.at - w.windowMs < toMs);
  }

  summary(fromMs: number, toMs: number): RuntimeSummary {
    return summariseRuntime(this.windows(fromMs, toMs));
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function summariseRuntime(windows: RuntimeWindow[]): RuntimeSummary {
  const p99s = windows.map((w) => w.loopP99).sort((a, b) => a - b);
  const spanMs = windows.reduce((a, w) => a + w.windowMs, 0);
  const cpuMs = windows.reduce((a, w) => a + w.cpuMs, 0);
  return {
    windows: windows.length,
    loopMaxMs: Math.max(0, ...windows.map((w) => w.loopMax)),
    loopP99MedianMs: p99s.length ? p99s[Math.floor(p99s.length / 2)]! : 0,
    windowsLoopOver50: windows.filter((w) => w.loopMax > 50).length,
    gcCount: windows.reduce((a, w) => a + w.gcCount, 0),
    gcMajor: windows.reduce((a, w) => a + w.gcMajor, 0),
    gcMs: windows.reduce((a, w) => a + w.gcMs, 0),
    gcMaxMs: Math.max(0, ...windows.map((w) => w.gcMaxMs)),
    cpuPercent: spanMs > 0 ? (cpuMs / spanMs) * 100 : 0,
    peakHeapMb: Math.max(0, ...windows.map((w) => w.heapUsedMb)),
  };
}
