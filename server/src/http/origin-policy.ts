import cors from 'cors';
import type { RequestHandler } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import { forbidden } from '../domain/errors/domain-error';
import { sendError } from './error-response';

/**
 * Which browser origins may call the API: the API's own origin always, those in CORS_ORIGINS, and
 * requests without an Origin header (curl, servers, the graphql-ws Node client), which no browser
 * sends cross-origin. HTTP and WebSocket share this one decision.
 */
export class OriginPolicy {
  private readonly allowlist: ReadonlySet<string>;

  constructor(corsOrigins: readonly string[]) {
    this.allowlist = new Set(corsOrigins.map((o) => o.replace(/\/+$/, '').toLowerCase()));
  }

  allows(headers: IncomingHttpHeaders): boolean {
    const origin = headers.origin;
    if (origin === undefined) return true;
    const normalised = origin.toLowerCase();
    if (this.allowlist.has(normalised)) return true;
    try {
      const url = new URL(normalised);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === headers.host?.toLowerCase();
    } catch {
      return false; // includes the opaque origin "null"
    }
  }

  /** CORS headers for allowlisted origins, then a coded 403 for every other cross-origin request. */
  middleware(): RequestHandler[] {
    const corsHeaders = cors({
      origin: [...this.allowlist],
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id'],
      maxAge: 600,
    });
    const refuse: RequestHandler = (req, res, next) => {
      if (this.allows(req.headers)) {
        next();
        return;
      }
      sendError(res, forbidden('This origin may not call the API.', { reason: 'ORIGIN_NOT_ALLOWED' }));
    };
    return [refuse, corsHeaders];
  }
}
