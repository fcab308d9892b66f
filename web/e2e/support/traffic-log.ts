import type { Page } from 'playwright-core';

export interface LoggedRequest {
  at: number;
  operation: string;
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
  readonly frames: LoggedFrame[] = [];

  constructor(page: Page) {
    page.on('request', (request) => {
      if (request.method() !== 'POST' || !request.url().endsWith('/graphql')) return;
      const body = request.postDataJSON() as { operationName?: string } | null;
      this.requests.push({ at: Date.now(), operation: body?.operationName ?? 'anonymous' });
    });
    page.on('websocket', (socket) => {
      socket.on('framereceived', ({ payload }) => this.frames.push({ at: Date.now(), text: String(payload) }));
    });
  }

  /** Frames that announce a finished run: the events after which the dashboard refetches. */
  finishedRunEvents(): LoggedFrame[] {
    return this.frames.filter((frame) => frame.text.includes('"checkRunUpdated"') && /"state":"(SUCCEEDED|FAILED)"/.test(frame.text));
  }

  /** Frames that announce repairs (an admin's resync, an auto-sync batch): the dashboard refetches after those too. */
  repairEvents(): LoggedFrame[] {
    return this.frames.filter((frame) => frame.text.includes('"repairsMade"'));
  }

  /** Requests sent after `since` that no finished-run or repair event preceded within `windowMs`. */
  requestsWithoutEvent(since: number, windowMs: number): LoggedRequest[] {
    const events = [...this.finishedRunEvents(), ...this.repairEvents()];
    return this.requests
      .filter((request) => request.at >= since)
      .filter((request) => !events.some((event) => event.at <= request.at && request.at - event.at <= windowMs));
  }
}
