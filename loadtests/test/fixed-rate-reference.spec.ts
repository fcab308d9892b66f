import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOpenLoop } from '../src/drivers/paced-driver';
import { parseTransactionLog } from '../src/references/pgbench-reference';
import { extraNodeArgs } from '../src/stack/api-process';
import { summariseActivity } from '../src/stack/pg-activity-sampler';
import { summariseRuntime, type RuntimeWindow } from '../src/stack/runtime-monitor';

/**
 * The storm's fixed-rate phase is compared with pgbench at the same rate and the same number of
 * clients: pgbench connects its clients before its schedule starts and never opens more, so the
 * generator given `connections` must do the same, whatever the server's pace.
 */
describe('the open-loop driver with a fixed set of connections', () => {
  let server: Server;
  let url: string;
  let connectionsAccepted = 0;
  let firstStormRequestAt = Infinity;
  let lastConnectionAt = 0;
  const bodies: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        bodies.push(body);
        if (!body.includes('__typename')) firstStormRequestAt = Math.min(firstStormRequestAt, performance.now());
        // Slow enough that several requests are in flight at once: a generator free to open
        // connections would open more than the pool holds.
        setTimeout(() => {
          res.setHeader('content-type', 'application/json');
          res.end('{"data":{"ok":true}}');
        }, 40);
      });
    });
    server.on('connection', () => {
      connectionsAccepted += 1;
      lastConnectionAt = performance.now();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('opens every connection before the schedule starts, never more, and still sends every request', async () => {
    const recorder = await runOpenLoop({ url, token: 't', rate: 200, durationS: 1, plan: () => ({ body: '{"query":"storm"}' }), connections: 4 });
    expect(recorder.describeFailures()).toBe('none');
    expect(recorder.summary().ok).toBe(200);
    expect(connectionsAccepted).toBe(4);
    expect(lastConnectionAt).toBeLessThan(firstStormRequestAt);
    expect(bodies.filter((b) => b.includes('__typename'))).toHaveLength(4);
    expect(recorder.generator.socketsOpened).toBe(0);
    // 4 connections at 40 ms each serve 100/s: the rest waited in the client, and that wait counts.
    expect(recorder.summary().p99).toBeGreaterThan(200);
    expect(recorder.generator.peakInFlight).toBeGreaterThan(4);
  }, 30_000);

  it('refuses a connection count that is not a positive whole number', async () => {
    await expect(runOpenLoop({ url, token: 't', rate: 1, durationS: 1, plan: () => ({ body: '{}' }), connections: 0 })).rejects.toThrow(/connections/);
  });
});

describe("pgbench's per-transaction log", () => {
  it('reads latency and schedule lag in ms, skipping transactions that have none', () => {
    const log = ['0 1 2500 0 1700000000 123456 300', '1 1 skipped 0 1700000000 123999 51000', '1 2 10000 0 1700000001 1 9000', ''].join('\n');
    expect(parseTransactionLog(log)).toEqual({ latenciesMs: [2.5, 10], lagMs: [0.3, 9] });
  });
});

describe('the diagnostics of a run', () => {
  it('summarises the API runtime windows', () => {
    const window = (at: number, loopMax: number, gcMaxMs: number): RuntimeWindow => ({
      at,
      windowMs: 250,
      loopP50: 1,
      loopP99: loopMax / 2,
      loopMax,
      gcCount: 2,
      gcMajor: 0,
      gcMs: gcMaxMs + 1,
      gcMaxMs,
      cpuMs: 125,
      heapUsedMb: at / 10,
      rssMb: 200,
    });
    const summary = summariseRuntime([window(1000, 20, 3), window(1250, 80, 9), window(1500, 30, 4)]);
    expect(summary).toMatchObject({ windows: 3, loopMaxMs: 80, loopP99MedianMs: 15, windowsLoopOver50: 1, gcCount: 6, gcMs: 19, gcMaxMs: 9, cpuPercent: 50, peakHeapMb: 150 });
  });

  it('summarises pg_stat_activity samples', () => {
    const summary = summariseActivity([
      { at: 1, connected: 4, active: 4, waits: { 'IO:WALSync': 3, running: 1 } },
      { at: 2, connected: 4, active: 0, waits: {} },
    ]);
    expect(summary).toMatchObject({ samples: 2, peakConnected: 4, peakActive: 4, meanActive: 2, allBusyShare: 0.5 });
    expect(summary.waits).toEqual([
      { event: 'IO:WALSync', share: 0.75 },
      { event: 'running', share: 0.25 },
    ]);
  });

  it('accepts only --flags for the API child', () => {
    expect(extraNodeArgs({ LOADTEST_API_NODE_ARGS: ' --trace-gc  --max-semi-space-size=32 ' })).toEqual(['--trace-gc', '--max-semi-space-size=32']);
    expect(extraNodeArgs({})).toEqual([]);
    expect(() => extraNodeArgs({ LOADTEST_API_NODE_ARGS: '--require /tmp/x.js' })).toThrow(/not a --flag/);
  });
});
