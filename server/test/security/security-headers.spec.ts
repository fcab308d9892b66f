import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { helmetOptions, securityHeaders } from '../../src/http/security-headers';

/** Response headers of GET `path` on an app with `middleware` in front, minus the ones that vary per response. */
async function headersFrom(middleware: RequestHandler, path: string): Promise<Record<string, string>> {
  const app = express();
  app.use(middleware);
  app.use((_req, res) => {
    res.json({ ok: true });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);
    const headers = Object.fromEntries(response.headers.entries());
    delete headers.date;
    delete headers.etag;
    delete headers['keep-alive'];
    return headers;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('security headers (helmet recorded once, replayed per request)', () => {
  const cases = [
    { production: true, path: '/healthz', csp: true },
    { production: true, path: '/graphql', csp: true },
    { production: false, path: '/healthz', csp: true },
    { production: false, path: '/graphql', csp: false },
  ];
  for (const { production, path, csp } of cases) {
    it(`sends exactly helmet's headers (production ${production}, ${path})`, async () => {
      const ours = await headersFrom(securityHeaders({ production }), path);
      const theirs = await headersFrom(helmet(helmetOptions(csp)), path);
      expect(ours).toEqual(theirs);
      expect(ours['x-content-type-options']).toBe('nosniff');
      expect(ours['x-powered-by']).toBeUndefined();
      expect(ours['content-security-policy'] !== undefined).toBe(csp);
    });
  }
});
