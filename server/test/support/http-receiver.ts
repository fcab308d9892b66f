import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedRequest {
  readonly headers: IncomingHttpHeaders;
  readonly raw: string;
  readonly body: Record<string, unknown>;
  /** With a secret: whether the `standardwebhooks` library accepted the signature. */
  readonly verified: boolean | null;
  /** The status this receiver answered. */
  readonly status: number;
}

/**
 * A receiver on loopback that records every request. It answers from a script (e.g. 500, 500, then
 * 200 for ever), can go down and come back on the same port, or hold requests unanswered.
 */
export class HttpReceiver {
  readonly requests: ReceivedRequest[] = [];
  private script: Array<{ status: number; headers?: Record<string, string> }> = [];
  private server: Server | null = null;
  private port = 0;
  private holding = false;
  private readonly held: Array<() => void> = [];

  constructor(private readonly secret?: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  /** The next answers, in order; after them, 200. */
  answer(...statuses: Array<number | { status: number; headers?: Record<string, string> }>): void {
    this.script = statuses.map((s) => (typeof s === 'number' ? { status: s } : s));
  }

  /** Requests are read and recorded but not answered until `release()`. */
  hold(): void {
    this.holding = true;
  }

  release(): void {
    this.holding = false;
    for (const finish of this.held.splice(0)) finish();
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString();
        let verified: boolean | null = null;
        if (this.secret) {
          try {
            new Webhook(this.secret).verify(raw, req.headers as Record<string, string>);
            verified = true;
          } catch {
            verified = false;
          }
        }
        const next = this.script.shift() ?? { status: 200 };
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          body = {};
        }
        this.requests.push({ headers: req.headers, raw, body, verified, status: next.status });
        const finish = () => {
          res.writeHead(next.status, { 'content-type': 'text/plain', ...next.headers });
          res.end(next.status < 300 ? 'ok' : 'nope');
        };
        if (this.holding) this.held.push(finish);
        else finish();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening (connections refused) until `start()` again on the same port. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
