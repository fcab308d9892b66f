import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findFreePort } from '../../src/standalone/free-port';
import { TEST_JWT_SECRET } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';

const REPO = resolve(__dirname, '../../..');
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

interface TerminalProcess {
  /** Everything the process wrote to its terminal so far, colours removed, one entry per line. */
  lines(): string[];
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  /** Ctrl-C typed at the terminal; resolves with the exit code. */
  interrupt(): Promise<number | null>;
}

/**
 * An entry point run the way a person runs it: in a terminal (a pseudo-terminal from util-linux
 * `script`), so stdout is a TTY and Ctrl-C reaches it through the terminal.
 */
function inTerminal(entry: string, env: Record<string, string>): TerminalProcess {
  const command = `exec ${process.execPath} -r @swc-node/register ${entry}`;
  const child: ChildProcessWithoutNullStreams = spawn('script', ['--quiet', '--flush', '--return', '--command', command, '/dev/null'], {
    cwd: REPO,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm', ...env },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return {
    lines: () => out.replace(ANSI, '').split(/\r?\n/).filter((line) => line.trim() !== ''),
    async waitFor(text, timeoutMs = 110_000) {
      const deadline = Date.now() + timeoutMs;
      while (!out.replace(ANSI, '').includes(text)) {
        if (child.exitCode !== null) throw new Error(`exited before "${text}": ${out.slice(-2000)}`);
        if (Date.now() > deadline) throw new Error(`no "${text}" in time: ${out.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async interrupt() {
      if (child.exitCode === null) child.stdin.write('\u0003');
      return exited;
    },
  };
}

async function requests(port: number): Promise<void> {
  for (let i = 0; i < 3; i += 1) {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    await response.text();
  }
  await (await fetch(`http://127.0.0.1:${port}/healthz`)).text();
}

const isJson = (line: string) => {
  try {
    return typeof JSON.parse(line) === 'object';
  } catch {
    return false;
  }
};

describe('logs in a terminal', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'levelsync-terminal-logs-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  describe('npm start', () => {
    it('prints readable lines and no line per request', async () => {
      const port = await findFreePort();
      const app = inTerminal('server/src/standalone/main.ts', { PORT: String(port), DATA_DIR: dataDir, DEMO_STUDENTS: '20' });
      await app.waitFor('LevelSync is ready at');
      await requests(port);
      expect(await app.interrupt()).toBe(0);

      const lines = app.lines();
      expect(lines.filter(isJson)).toEqual([]);
      expect(lines).toContainEqual(expect.stringMatching(/^\[\d\d:\d\d:\d\d\] INFO: generating demo data \(first start only\) \{"students":20,/));
      // Ctrl-C (the terminal echoes it as ^C) came after the requests finished: their lines would be above this one.
      expect(lines).toContainEqual(expect.stringMatching(/^(\^C)?\[\d\d:\d\d:\d\d\] INFO: stopping: draining requests, finishing the active job \{"signal":"SIGINT"\}$/));
      expect(lines.filter((line) => line.includes('request completed'))).toEqual([]);
    });

    it('keeps JSON lines in production, request lines included at LOG_LEVEL=debug', async () => {
      const port = await findFreePort();
      const app = inTerminal('server/src/standalone/main.ts', {
        PORT: String(port),
        DATA_DIR: dataDir,
        NODE_ENV: 'production',
        JWT_SECRET: TEST_JWT_SECRET,
        LOG_LEVEL: 'debug',
      });
      await app.waitFor('LevelSync is ready at');
      await requests(port);
      expect(await app.interrupt()).toBe(0);

      const logLines = app.lines().filter((line) => line.startsWith('{'));
      expect(logLines.length).toBeGreaterThan(0);
      expect(logLines.every(isJson)).toBe(true);
      const requestLines = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.msg === 'request completed');
      expect(requestLines).toContainEqual(expect.objectContaining({ level: 20, method: 'POST', path: '/graphql', status: 200 }));
    });
  });

  describe('the API entry point (npm run server)', () => {
    it('logs JSON in a terminal too', async () => {
      const port = await findFreePort();
      const api = inTerminal('server/src/main.ts', {
        PORT: String(port),
        DATABASE_URL: await createTestDatabase(),
        REDIS_URL: inject('redisUrl'),
        REDIS_KEY_PREFIX: `terminal-logs-${process.pid}`,
        JWT_SECRET: TEST_JWT_SECRET,
      });
      await api.waitFor('API listening');
      await requests(port);
      await api.interrupt();

      const lines = api.lines();
      const listening = lines.find((line) => line.includes('API listening'))!;
      expect(JSON.parse(listening)).toMatchObject({ level: 30, msg: 'API listening', port });
      expect(lines.filter((line) => line.includes('request completed'))).toEqual([]);
    });
  });
});
