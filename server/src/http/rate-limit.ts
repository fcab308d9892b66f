import express, { type Request, type RequestHandler, type Response } from 'express';
import type { TokenService } from '../domain/auth/token.service';
import { rateLimited } from '../domain/errors/domain-error';
import type { Logger } from '../domain/logging/logger';
import { bearerToken } from '../graphql/common/bearer-token';
import { graphqlErrors } from '../observability/metrics';
import { clientAddressOf } from './client-address';
import { sendError } from './error-response';
import { GRAPHQL_BODY_LIMIT } from './graphql-endpoint';
import { operationKindOf } from './operation-kind';
import type { RateBudget, RateLimiters } from './rate-limiters';

/**
 * Every /graphql request takes from a budget, charged to the signed-in user when the token verifies
 * (so users behind one NAT do not share a budget), else to the client IP (so forged or missing tokens
 * cannot escape it). A signed-in user's queries take from RATE_LIMIT_READS_PER_MINUTE, everything else
 * (mutations, anything anonymous or unreadable) from RATE_LIMIT_PER_MINUTE: an admin working the
 * dashboard flat out reads far more than they write, while a script hammering either is still refused.
 * Over the budget: 429, Retry-After and code RATE_LIMITED.
 */
export function apiRateLimit(limiters: RateLimiters, tokens: TokenService, logger: Logger): RequestHandler {
  // The same parser as the GraphQL endpoint's; it skips a body already read, so each body is read once.
  const parseJson = express.json({ limit: GRAPHQL_BODY_LIMIT });
  return async (req, res, next) => {
    const caller = await callerOf(req.headers.authorization, clientAddressOf(res), tokens);
    // Only a verified caller's body is read before the charge: an anonymous flood costs no parsing.
    const { budget, parseError } = caller.signedIn ? await budgetOfSignedIn(req, res, parseJson, limiters) : { budget: limiters.api, parseError: undefined };
    let verdict;
    try {
      verdict = await budget.take(caller.key);
    } catch (error) {
      // A broken counter store must not take the API down with it.
      logger.error({ err: error }, 'rate limiter failed; letting the request through');
      next(parseError);
      return;
    }
    if (verdict.allowed) {
      next(parseError);
      return;
    }
    graphqlErrors.inc({ code: 'RATE_LIMITED' });
    sendError(res, rateLimited(verdict.retryAfterSeconds));
  };
}

interface Caller {
  key: string;
  signedIn: boolean;
}

async function callerOf(authorization: string | undefined, ip: string, tokens: TokenService): Promise<Caller> {
  const bearer = bearerToken(authorization);
  if (bearer) {
    try {
      return { key: `user:${(await tokens.verify(bearer)).id}`, signedIn: true };
    } catch {
      // An invalid token is charged to the address it came from.
    }
  }
  return { key: `ip:${ip}`, signedIn: false };
}

/** The reads budget for a query, the general one for anything else; a body that fails to parse goes on to the error handler. */
function budgetOfSignedIn(
  req: Request,
  res: Response,
  parseJson: RequestHandler,
  limiters: RateLimiters,
): Promise<{ budget: RateBudget; parseError: unknown }> {
  return new Promise((resolve) => {
    void parseJson(req, res, (parseError?: unknown) => {
      const payload: unknown = req.method === 'GET' ? req.query : req.body;
      const isRead = parseError === undefined && operationKindOf(payload) === 'query';
      resolve({ budget: isRead ? limiters.sessionReads : limiters.api, parseError });
    });
  });
}
