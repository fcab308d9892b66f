import type { RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../domain/logging/logger';
import { httpRequestDuration, httpRequestsInFlight } from '../observability/metrics';

/** An incoming id is kept only if it cannot smuggle anything into a log line or a header. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const KNOWN_ROUTES = new Set(['/graphql', '/healthz', '/readyz', '/metrics']);

/**
 * Gives every request an id (the caller's `x-request-id` if sane, else a new UUID), returns it in
 * the response header, keeps it on `res.locals.requestId` for the GraphQL context, and ends the
 * request with one access line carrying the id and a latency observation.
 */
/** Where the API's own signals go (the alert rules on error rate and latency read them from PostgreSQL). */
export interface ApiSignals {
  recordRequest(durationMs: number, failed: boolean): void;
  recordInternalError(): void;
}

export function requestContext(logger: Logger, signals?: ApiSignals): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    const path = req.path; // routers mounted on a path rewrite req.path by the time the response ends
    httpRequestsInFlight.inc();
    res.once('close', () => httpRequestsInFlight.dec());
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = KNOWN_ROUTES.has(path) ? path : req.method === 'GET' ? 'dashboard' : 'other';
      httpRequestDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      if (route === '/graphql') signals?.recordRequest(seconds * 1000, res.statusCode >= 500);
      // One line per request (the dashboard sends many, probes come every few seconds) would drown the log: debug, unless it failed.
      const level = res.statusCode >= 500 ? 'warn' : 'debug';
      if (logger.isLevelEnabled(level)) {
        logger[level]({ requestId, method: req.method, path, status: res.statusCode, durationMs: Math.round(seconds * 1000) }, 'request completed');
      }
    });
    next();
  };
}
