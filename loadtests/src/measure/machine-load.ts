import { cpus, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';

export interface MachineLoad {
  cores: number;
  /** Share of all cores busy while our stack was idle, just before the run: the other tenants' load. */
  idleBusyPercent: number;
  loadAverage1m: number;
}

function cpuTotals(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  const total = values.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** How busy the machine is without us: measured over a short quiet window before a scenario. */
export async function measureMachineLoad(windowMs = 1500): Promise<MachineLoad> {
  const before = cpuTotals();
  await new Promise((r) => setTimeout(r, windowMs));
  const after = cpuTotals();
  const total = after.total - before.total;
  return {
    cores: cpus().length,
    idleBusyPercent: total > 0 ? ((after.busy - before.busy) / total) * 100 : 0,
    loadAverage1m: loadavg()[0]!,
  };
}

/** Tracks whole-machine CPU over a run, so a report can say how much of the box the run had. */
export class MachineCpuMeter {
  private readonly start = cpuTotals();

  busyPercent(): number {
    const now = cpuTotals();
    const total = now.total - this.start.total;
    return total > 0 ? ((now.busy - this.start.busy) / total) * 100 : 0;
  }
}
