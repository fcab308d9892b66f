import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../domain/logging/logger';

/** Body-parser and other pre-GraphQL failures answer in the GraphQL error shape, never as HTML or a stack. */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ err: error }, 'unexpected HTTP error');
    const message =
      status === 413
        ? 'Request body is too large.'
        : status === 500
          ? 'Internal server error'
          : 'Request body is not valid JSON.';
    res.status(status).json({
      errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT' } }],
    });
  };
}
