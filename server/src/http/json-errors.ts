import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { badInput, DomainError, notFound } from '../domain/errors/domain-error';
import type { Logger } from '../domain/logging/logger';
import { sendError } from './error-response';

const noRoute = (req: Request) => notFound(`No route for ${req.method} ${req.path}`);

/** The last handler: a path no route (nor the dashboard) answers is NOT_FOUND, in the GraphQL error shape. */
export function notFoundHandler(): RequestHandler {
  return (req, res) => sendError(res, noRoute(req), 404);
}

/**
 * Body-parser and other pre-GraphQL failures answer in the GraphQL error shape, never as HTML or a
 * stack. Body-parser tags its errors with a `type`; a 404 comes from a static file that is not there.
 */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) {
      logger.error({ err: error }, 'unexpected HTTP error');
      sendError(res, new DomainError('INTERNAL_SERVER_ERROR', 'Internal server error'), 500);
    } else if (status === 404) {
      sendError(res, noRoute(req), 404);
    } else {
      const message =
        status === 413
          ? 'Request body is too large.'
          : error?.type === 'entity.parse.failed'
            ? 'Request body is not valid JSON.'
            : 'Request body could not be read.';
      sendError(res, badInput(message), status);
    }
  };
}
