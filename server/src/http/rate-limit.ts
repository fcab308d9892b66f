import type { RequestHandler } from 'express';
import type { TokenService } from '../domain/auth/token.service';
import { rateLimited } from '../domain/errors/domain-error';
import type { Logger } from '../domain/logging/logger';
import { bearerToken } from '../graphql/common/bearer-token';
import { graphqlErrors } from '../observability/metrics';
import { clientAddressOf } from './client-address';
import { sendError } from './error-response';
import type { RateLimiters } from './rate-limiters';

/**
 * RATE_LIMIT_PER_MINUTE for every /graphql request, charged to the signed-in user when the token
 * verifies (so users behind one NAT do not share a budget), else to the client IP (so forged or
 * missing tokens cannot escape it). Over the budget: 429, Retry-After and code RATE_LIMITED.
 */
export function apiRateLimit(limiters: RateLimiters, tokens: TokenService, logger: Logger): RequestHandler {
  return async (req, res, next) => {
    const key = await rateKey(req.headers.authorization, clientAddressOf(res), tokens);
    let verdict;
    try {
      verdict = await limiters.api.take(key);
    } catch (error) {
      // A broken counter store must not take the API down with it.
      logger.error({ err: error }, 'rate limiter failed; letting the request through');
      next();
      return;
    }
    if (verdict.allowed) {
      next();
      return;
    }
    graphqlErrors.inc({ code: 'RATE_LIMITED' });
    sendError(res, rateLimited(verdict.retryAfterSeconds));
  };
}

async function rateKey(authorization: string | undefined, ip: string, tokens: TokenService): Promise<string> {
  const bearer = bearerToken(authorization);
  if (bearer) {
    try {
      return `user:${(await tokens.verify(bearer)).id}`;
    } catch {
      // An invalid token is charged to the address it came from.
    }
  }
  return `ip:${ip}`;
}
