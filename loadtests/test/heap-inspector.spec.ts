import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../server/src/standalone/free-port';
import { connectHeapInspector, findProcessInspector, inspectFlag, inspectPortFromCommandLine, type HeapInspector } from '../src/measure/heap-inspector';

/** A process that, on command, allocates objects it keeps or objects it drops at once (about 10 MB either way). */
const CHILD = `
const kept = [];
const make = (tag) => Array.from({ length: 200000 }, (_, i) => ({ i, s: tag + i }));
process.stdin.on('data', (data) => {
  for (const command of String(data).split('\\n').filter(Boolean)) {
    if (command === 'retain') kept.push(make('kept'));
    if (command === 'garbage') make('dropped');
    process.stdout.write('done\\n');
  }
});
process.stdout.write('ready\\n');
`;

describe('inspectPortFromCommandLine', () => {
  it('reads the port of --inspect and --inspect-brk, with or without a host', () => {
    expect(inspectPortFromCommandLine(['node', '--inspect=127.0.0.1:9301', 'main.js'])).toBe(9301);
    expect(inspectPortFromCommandLine(['node', '--inspect-brk=9302', 'main.js'])).toBe(9302);
  });

  it('gives null without an inspector flag or with port 0 (the address is then only printed)', () => {
    expect(inspectPortFromCommandLine(['node', 'main.js', '--inspect=127.0.0.1:9303-not-a-flag'])).toBeNull();
    expect(inspectPortFromCommandLine(['node', '--inspect=127.0.0.1:0', 'main.js'])).toBeNull();
    expect(inspectPortFromCommandLine(['node', 'main.js'])).toBeNull();
  });
});

describe('when another process is read through its inspector after forced collections', () => {
  let child: ChildProcessWithoutNullStreams;
  let inspector: HeapInspector;
  const lines: string[] = [];
  let waiting: (() => void) | undefined;
  const command = (name: string) =>
    new Promise<void>((resolve) => {
      waiting = resolve;
      child.stdin.write(`${name}\n`);
    });

  beforeAll(async () => {
    child = spawn(process.execPath, [inspectFlag(await findFreePort()), '-e', CHILD], { stdio: ['pipe', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (data: Buffer) => {
        lines.push(...String(data).split('\n').filter(Boolean));
        if (lines.includes('ready')) resolve();
        if (waiting) {
          const done = waiting;
          waiting = undefined;
          done();
        }
      });
      child.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
    });
    // Found from its command line: nothing read from its output.
    const url = await findProcessInspector(child.pid!, '');
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\//);
    inspector = await connectHeapInspector(url!);
  }, 20_000);

  afterAll(() => {
    inspector?.close();
    child?.kill('SIGKILL');
  });

  it('does not count what the process allocated and dropped, and counts what it keeps', async () => {
    const start = await inspector.memoryAfterGc();
    await command('garbage');
    const afterGarbage = await inspector.memoryAfterGc();
    await command('retain');
    const afterRetain = await inspector.memoryAfterGc();

    expect(afterGarbage.heapUsedMb - start.heapUsedMb).toBeLessThan(2);
    expect(afterRetain.heapUsedMb - afterGarbage.heapUsedMb).toBeGreaterThan(5);
    expect(afterRetain.rssMb).toBeGreaterThan(afterRetain.heapUsedMb);
    expect(await inspector.heapAfterGc()).toBeCloseTo(afterRetain.heapUsedMb, 0);
  }, 20_000);
});
