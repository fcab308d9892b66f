import { readFileSync } from 'node:fs';

const CLOCK_TICKS = 100; // USER_HZ on Linux

export interface ProcessPoint {
  atMs: number;
  rssMb: number;
  /** CPU used by the process since the previous point, in percent of one core. */
  cpuPercent: number;
}

export interface ProcessStats {
  peakRssMb: number;
  /** CPU time (user + system) the process used while sampled. */
  cpuSeconds: number;
  meanCpuPercent: number;
  points: ProcessPoint[];
}

/** Samples a child's resident memory and CPU from /proc (Linux), without touching the process. */
export class ProcessSampler {
  private readonly points: ProcessPoint[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly startedAt = performance.now();
  private lastTicks: number | undefined;
  private firstTicks: number | undefined;
  private lastAt = performance.now();

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 500,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  stop(): ProcessStats {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    const withCpu = this.points.slice(1);
    return {
      peakRssMb: Math.max(0, ...this.points.map((p) => p.rssMb)),
      cpuSeconds: this.firstTicks === undefined || this.lastTicks === undefined ? 0 : (this.lastTicks - this.firstTicks) / CLOCK_TICKS,
      meanCpuPercent: withCpu.length ? withCpu.reduce((a, p) => a + p.cpuPercent, 0) / withCpu.length : 0,
      points: this.points,
    };
  }

  private sample(): void {
    const now = performance.now();
    const rssMb = readRssMb(this.pid);
    const ticks = readCpuTicks(this.pid);
    if (rssMb === undefined || ticks === undefined) return;
    const cpuPercent = this.lastTicks === undefined ? 0 : ((ticks - this.lastTicks) / CLOCK_TICKS / ((now - this.lastAt) / 1000)) * 100;
    this.firstTicks ??= ticks;
    this.lastTicks = ticks;
    this.lastAt = now;
    this.points.push({ atMs: now - this.startedAt, rssMb, cpuPercent });
  }
}

export function readRssMb(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

function readCpuTicks(pid: number): number | undefined {
  try {
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}
