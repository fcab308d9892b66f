import { spawn } from 'node:child_process';
import { REPO_ROOT } from './api-process';

export interface TsChild {
  readonly pid: number;
  stop(): Promise<void>;
}

/** Runs a TypeScript file as its own Node process and waits for it to print its first line ("ready"). */
export async function startTsChild(file: string, env: Record<string, string>): Promise<TsChild> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', file], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code} before it was ready`)));
  });
  return {
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
