import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../domain/logging/logger';

interface HttpErrorBody {
  errors: Array<{ message: string; extensions: { code: string } }>;
}

const body = (message: string, code: string): HttpErrorBody => ({ errors: [{ message, extensions: { code } }] });

const noRoute = (method: string, path: string) => body(`No route for ${method} ${path}`, 'NOT_FOUND');

/** The last handler: a path no route (nor the dashboard) answers is NOT_FOUND, in the GraphQL error shape. */
export function notFoundHandler(): RequestHandler {
  return (req, res) => {
    res.status(404).json(noRoute(req.method, req.path));
  };
}

/**
 * Body-parser and other pre-GraphQL failures answer in the GraphQL error shape, never as HTML or a
 * stack. Body-parser tags its errors with a `type`; a 404 comes from a file that is not there.
 */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) {
      logger.error({ err: error }, 'unexpected HTTP error');
      res.status(500).json(body('Internal server error', 'INTERNAL_SERVER_ERROR'));
      return;
    }
    if (status === 404) {
      res.status(404).json(noRoute(req.method, req.path));
      return;
    }
    const message =
      status === 413
        ? 'Request body is too large.'
        : error?.type === 'entity.parse.failed'
          ? 'Request body is not valid JSON.'
          : 'Request body could not be read.';
    res.status(status).json(body(message, 'BAD_USER_INPUT'));
  };
}
