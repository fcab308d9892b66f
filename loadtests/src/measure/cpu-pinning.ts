import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * CPU affinity for a measurement: the server under test on one core, the load generator (this
 * process) on another, so the generator's own work cannot delay the server it times. PostgreSQL
 * keeps every core. Uses util-linux's `taskset` (every thread of the process: `-a`).
 */
export interface CpuPinning {
  /** What was pinned where, for the report. */
  readonly description: string;
  /** Puts a process under test (server or reference) on the server's core. */
  pinServer(pid: number): void;
  /** Gives every process back every core. */
  release(): void;
}

export function pinGeneratorApart(): CpuPinning {
  const cores = availableParallelism();
  if (cores < 2) throw new Error('pinning needs at least 2 cores: one for the server, one for the generator');
  const all = `0-${cores - 1}`;
  const generatorCore = String(cores - 1);
  const serverCore = '0';
  const pinned = new Set<number>();
  const set = (pid: number, cpus: string) => execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
  set(process.pid, generatorCore);
  return {
    description: `server under test on core ${serverCore}, load generator on core ${generatorCore}, PostgreSQL on any of ${all} (taskset)`,
    pinServer(pid) {
      set(pid, serverCore);
      pinned.add(pid);
    },
    release() {
      for (const pid of pinned) {
        try {
          set(pid, all);
        } catch {
          // The process has exited: nothing to give back.
        }
      }
      set(process.pid, all);
    },
  };
}
