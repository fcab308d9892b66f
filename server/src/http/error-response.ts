import type { Response } from 'express';
import type { DomainError } from '../domain/errors/domain-error';
import { publicExtensions, toGraphQLError } from '../graphql/common/errors';

interface HttpHints {
  status?: number;
  headers?: Iterable<[string, string]>;
}

/**
 * Answers a request refused before GraphQL runs (origin, rate, batching, body, route) in the shape
 * GraphQL clients read, `{ errors: [{ message, extensions }] }`, converted as every domain error is.
 * The status is the error's own (401, 403, 429, with Retry-After) unless the refusal names one.
 */
export function sendError(res: Response, error: DomainError, status?: number): void {
  const { message, extensions } = toGraphQLError(error);
  const http = extensions.http as HttpHints | undefined;
  for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
  res.status(status ?? http?.status ?? 400).json({ errors: [{ message, extensions: publicExtensions(extensions) }] });
}
