import type { Page, WebSocketRoute } from 'playwright-core';
import * as fixtures from './fixtures';

type Json = Record<string, unknown>;

export interface MockOptions {
  emptyViolations?: boolean;
  failedLastRun?: boolean;
}

/**
 * Answers /graphql in the browser itself (HTTP via page.route, graphql-ws via routeWebSocket) so the
 * dashboard can be reviewed visually before the API exists. Tests use the real server instead.
 */
export async function mockApi(page: Page, options: MockOptions = {}) {
  let violations = options.emptyViolations ? [] : [...fixtures.violations];
  const sockets = new Set<{ ws: WebSocketRoute; subscriptions: Map<string, string> }>();
  const status = options.failedLastRun
    ? { ...fixtures.healthStatus, lastRun: fixtures.checkRun(201, 1, null, 'FAILED', 'Check aborted: statement timeout after 30000 ms') }
    : fixtures.healthStatus;

  const push = (operationName: string, payload: Json) => {
    for (const socket of sockets) {
      for (const [id, name] of socket.subscriptions) {
        if (name === operationName) socket.ws.send(JSON.stringify({ id, type: 'next', payload: { data: payload } }));
      }
    }
  };

  function startRun() {
    const base = fixtures.checkRun(300, 0, null, 'QUEUED');
    const run = { ...base, trigger: 'MANUAL', progress: 0, startedAt: null, finishedAt: null, durationMs: null, pairsChecked: null };
    let progress = 0;
    setTimeout(function step() {
      progress = Math.min(1, progress + 0.2);
      const done = progress >= 1;
      push('CheckRunUpdated', {
        checkRunUpdated: done
          ? { ...fixtures.checkRun(300, 0, 0.9991), trigger: 'MANUAL' }
          : { ...run, state: 'RUNNING', progress, pairsChecked: Math.round(progress * 10_000) },
      });
      if (!done) setTimeout(step, 400);
    }, 300);
    return run;
  }

  function answer(operationName: string, variables: Json): Json {
    switch (operationName) {
      case 'Login':
        if (variables.password === 'wrong') throw Object.assign(new Error('Wrong email or password.'), { code: 'UNAUTHENTICATED' });
        return {
          login: {
            accessToken: 'mock-token',
            expiresAt: new Date(Date.now() + 3600_000).toISOString(),
            user: { __typename: 'User', id: '1', email: 'admin@levelsync.dev', fullName: 'Ada Admin', role: 'ADMIN' },
          },
        };
      case 'HealthStatus':
        return { healthStatus: status };
      case 'HealthMetrics':
        return { healthMetrics: options.emptyViolations ? { ...fixtures.healthMetrics, openViolations: 0, openViolationsByType: [] } : fixtures.healthMetrics };
      case 'SystemInfo':
        return { systemInfo: fixtures.systemInfo };
      case 'CheckRunHistory':
        return { checkRuns: { __typename: 'CheckRunConnection', totalCount: fixtures.history.length, edges: fixtures.history.map((node) => ({ __typename: 'CheckRunEdge', node })) } };
      case 'Violations':
        return {
          violations: {
            __typename: 'ViolationConnection',
            totalCount: violations.length === 0 ? 0 : 214,
            pageInfo: { __typename: 'PageInfo', hasNextPage: violations.length > 0, hasPreviousPage: false, startCursor: violations[0] ? `c${violations[0].id}` : null, endCursor: 'c1' },
            edges: violations.map((node) => ({ __typename: 'ViolationEdge', cursor: `c${node.id}`, node })),
          },
        };
      case 'ResyncLicense':
        violations = violations.filter((v) => v.student.id !== variables.studentId || v.specialization !== variables.specialization);
        return { resyncLicense: { __typename: 'Repair', id: '77' } };
      case 'RunHealthCheck':
        return { runHealthCheck: startRun() };
      default:
        throw new Error(`mock has no answer for ${operationName}`);
    }
  }

  await page.route('**/graphql', async (route) => {
    const body = route.request().postDataJSON() as { operationName: string; variables?: Json };
    try {
      await route.fulfill({ json: { data: answer(body.operationName, body.variables ?? {}) } });
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'INTERNAL_SERVER_ERROR';
      await route.fulfill({ status: code === 'UNAUTHENTICATED' ? 401 : 500, json: { errors: [{ message: (error as Error).message, extensions: { code } }] } });
    }
  });

  await page.routeWebSocket('**/graphql', (ws) => {
    const socket = { ws, subscriptions: new Map<string, string>() };
    sockets.add(socket);
    ws.onClose(() => sockets.delete(socket));
    ws.onMessage((raw) => {
      const message = JSON.parse(String(raw)) as { type: string; id?: string; payload?: { operationName?: string; query?: string } };
      if (message.type === 'connection_init') ws.send(JSON.stringify({ type: 'connection_ack' }));
      else if (message.type === 'ping') ws.send(JSON.stringify({ type: 'pong' }));
      else if (message.type === 'subscribe' && message.id) {
        const name = message.payload?.operationName ?? /subscription\s+(\w+)/.exec(message.payload?.query ?? '')?.[1] ?? '';
        socket.subscriptions.set(message.id, name);
      } else if (message.type === 'complete' && message.id) socket.subscriptions.delete(message.id);
    });
  });

  return { push, closeSockets: () => sockets.forEach((s) => s.ws.close({ code: 1006 })) };
}
