import type { IncomingMessage } from 'node:http';
import type { RequestHandler, Response } from 'express';
import proxyaddr from 'proxy-addr';
import type { TrustProxy } from './http-config';

export type AddressResolver = (request: IncomingMessage) => string;

/**
 * The caller's IP for rate limits. Behind a proxy every request comes from the proxy, so TRUST_PROXY
 * says which hops may speak for the client in X-Forwarded-For; by default none do (the header is
 * trivially forged).
 */
export function createAddressResolver(trust: TrustProxy): AddressResolver {
  const trusts =
    typeof trust === 'boolean'
      ? () => trust
      : typeof trust === 'number'
        ? (_address: string, hop: number) => hop < trust
        : proxyaddr.compile([...trust]);
  return (request) => {
    try {
      return proxyaddr(request, trusts);
    } catch {
      return request.socket.remoteAddress ?? 'unknown';
    }
  };
}

/**
 * Resolves the caller's IP once per request and keeps it on `res.locals`, where the rate limiter
 * and the GraphQL context (hence Apollo plugins) read it.
 */
export function withClientAddress(resolve: AddressResolver): RequestHandler {
  return (req, res, next) => {
    res.locals.clientAddress = resolve(req);
    next();
  };
}

/** The address `withClientAddress` resolved for this response's request. */
export function clientAddressOf(res: Response): string {
  const address: unknown = res.locals.clientAddress;
  return typeof address === 'string' ? address : 'unknown';
}
