import type { RequestHandler } from 'express';

/**
 * One operation per request: a JSON array would let one request carry many login attempts or
 * expensive queries past the per-request limits. Apollo refuses batches too, but without a code.
 */
export const refuseBatchedRequests: RequestHandler = (req, res, next) => {
  if (!Array.isArray(req.body)) {
    next();
    return;
  }
  res.status(400).json({
    errors: [
      {
        message: 'Batched requests are not supported; send one operation per request.',
        extensions: { code: 'BAD_USER_INPUT', reason: 'BATCHING_NOT_SUPPORTED' },
      },
    ],
  });
};
