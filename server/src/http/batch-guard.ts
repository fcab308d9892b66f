import type { RequestHandler } from 'express';
import { badInput } from '../domain/errors/domain-error';
import { sendError } from './error-response';

/**
 * One operation per request: a JSON array would let one request carry many login attempts or
 * expensive queries past the per-request limits. Apollo refuses batches too, but without a code.
 */
export const refuseBatchedRequests: RequestHandler = (req, res, next) => {
  if (!Array.isArray(req.body)) {
    next();
    return;
  }
  sendError(res, badInput('Batched requests are not supported; send one operation per request.', { reason: 'BATCHING_NOT_SUPPORTED' }));
};
