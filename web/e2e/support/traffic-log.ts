import type { Page } from 'playwright-core';

export interface LoggedRequest {
  at: number;
  operation: string;
}

export interface LoggedResponse {
  at: number;
  operation: string;
  status: number;
}

export interface LoggedFrame {
  at: number;
  text: string;
}

/**
 * What one page sends over HTTP to /graphql and receives over its graphql-ws socket, with times, so
 * a test can prove every query followed a pushed event (no polling) without waiting idly.
 */
export class TrafficLog {
  readonly requests: LoggedRequest[] = [];
  readonly responses: LoggedResponse[] = [];
  readonly frames: LoggedFrame[] = [];

  constructor(page: Page) {
    page.on('request', (request) => {
      if (request.method() !== 'POST' || !request.url().endsWith('/graphql')) return;
      const body = request.postDataJSON() as { operationName?: string } | null;
      this.requests.push({ at: Date.now(), operation: body?.operationName ?? 'anonymous' });
    });
    page.on('response', (response) => {
      const request = response.request();
      if (request.method() !== 'POST' || !request.url().endsWith('/graphql')) return;
      const body = request.postDataJSON() as { operationName?: string } | null;
      this.responses.push({ at: Date.now(), operation: body?.operationName ?? 'anonymous', status: response.status() });
    });
    page.on('websocket', (socket) => {
      socket.on('framereceived', ({ payload }) => this.frames.push({ at: Date.now(), text: String(payload) }));
    });
  }

  /** Frames that announce a finished run: the events after which the dashboard refetches. */
  finishedRunEvents(): LoggedFrame[] {
    return this.frames.filter((frame) => frame.text.includes('"checkRunUpdated"') && /"state":"(SUCCEEDED|FAILED)"/.test(frame.text));
  }

  /** Frames that announce alert transitions (alertsChanged): the alert views refetch after those. */
  alertEvents(): LoggedFrame[] {
    return this.frames.filter((frame) => frame.text.includes('"alertsChanged"'));
  }

  /** Frames that announce repairs (an admin's resync, an auto-sync batch): the dashboard refetches after those too. */
  repairEvents(): LoggedFrame[] {
    return this.frames.filter((frame) => frame.text.includes('"repairsMade"'));
  }

  /** How many requests of each operation were sent at or after `since`. */
  requestCounts(since = 0): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const request of this.requests) if (request.at >= since) counts[request.operation] = (counts[request.operation] ?? 0) + 1;
    return counts;
  }

  /** Resolves once no request has been sent for `quietMs`, counting from now: the page has asked for what it wanted. */
  async settled(quietMs = 1_500): Promise<void> {
    const since = Date.now();
    for (;;) {
      const idle = Date.now() - Math.max(since, this.requests.at(-1)?.at ?? 0);
      if (idle >= quietMs) return;
      await new Promise((resolve) => setTimeout(resolve, quietMs - idle));
    }
  }

  /** Requests sent after `since` that no finished-run, repair or alert event preceded within `windowMs`. */
  requestsWithoutEvent(since: number, windowMs: number): LoggedRequest[] {
    const events = [...this.finishedRunEvents(), ...this.repairEvents(), ...this.alertEvents()];
    return this.requests
      .filter((request) => request.at >= since)
      .filter((request) => !events.some((event) => event.at <= request.at && request.at - event.at <= windowMs));
  }
}
