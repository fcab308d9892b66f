import { HeaderMap } from '@apollo/server';
import { GraphQLError, isObjectType, type GraphQLErrorExtensions, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { DomainError, type ErrorCode } from '../../domain/errors/domain-error';

/**
 * The HTTP status of a request refused as a whole, by its code: before GraphQL runs (origin, rate,
 * body: see http/error-response.ts), before execution (the login budget), or for an operation that
 * needs a viewer and has none (the auth checker). An error raised while resolving a field is a field
 * error instead (`'field'` below): 200 with `data`, as GraphQL over HTTP has it, so a wrong password
 * on `login` or a student's FORBIDDEN field is a 200.
 */
const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, RATE_LIMITED: 429 };
const PUBLIC_CODES = new Set<string>(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED']);
/** Apollo's and graphql-js's own codes for requests that never reached a resolver. */
const REQUEST_CODES = new Set<string>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** The status of an operation refused for want of a viewer: the response then carries no `data` (see http/viewer-required.plugin.ts). */
export const VIEWER_REQUIRED_STATUS = HTTP_STATUS.UNAUTHENTICATED!;

/** Whether an error refuses the whole request (with its code's HTTP status) or only the field being resolved. */
export type ErrorScope = 'request' | 'field';

/** What Apollo reads from `extensions.http`: the status of the whole response, and headers to add (Retry-After). */
function httpOf(error: DomainError): { http: { status: number; headers?: HeaderMap } } | undefined {
  const status = HTTP_STATUS[error.code];
  if (!status) return undefined;
  const retryAfter = error.details.retryAfterSeconds;
  return typeof retryAfter === 'number'
    ? { http: { status, headers: new HeaderMap([['retry-after', String(retryAfter)]]) } }
    : { http: { status } };
}

/**
 * The one conversion of a domain error into a GraphQL error: its code and details become
 * `extensions`; refusing the request, it also carries its HTTP status (with Retry-After for
 * RATE_LIMITED) for Apollo; as a field error it carries none and the response stays a 200.
 */
export function toGraphQLError(error: DomainError, scope: ErrorScope = 'request'): GraphQLError {
  const http = scope === 'request' ? httpOf(error) : undefined;
  return new GraphQLError(error.message, { extensions: { code: error.code, ...error.details, ...http } });
}

/** What a client sees of a coded error's extensions: never Apollo's transport hints or a stack. */
export function publicExtensions(extensions: GraphQLErrorExtensions | undefined): GraphQLErrorExtensions {
  const { http: _http, stacktrace: _stack, ...rest } = extensions ?? {};
  return rest;
}

/** A domain error thrown below a resolver as a coded field error: the field is null, the response a 200 with `data`. */
function asFieldError(error: unknown): never {
  if (error instanceof DomainError) throw toGraphQLError(error, 'field');
  throw error;
}

/**
 * Turns domain errors thrown below any resolver of the schema into coded field errors, in place.
 * A plain wrapper rather than a type-graphql global middleware: a middleware runs as an async chain
 * on every field, so each scalar of each row became a few promises (and graphql-js then awaited
 * every object); here a field that answers synchronously stays synchronous.
 */
export function convertDomainErrors(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue;
      field.resolve = (source, args, context, info) => {
        try {
          const result: unknown = resolve(source, args, context, info);
          return isPromise(result) ? result.then(undefined, asFieldError) : result;
        } catch (error) {
          return asFieldError(error);
        }
      };
    }
  }
  return schema;
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as Promise<unknown> | null)?.then === 'function';
}

/** class-validator's shape, as type-graphql reports it (nested inputs carry `children`). */
interface ValidationFailure {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationFailure[];
}

function flattenValidation(failures: ValidationFailure[], prefix = ''): Array<{ field: string; message: string }> {
  return failures.flatMap((failure) => {
    const field = prefix ? `${prefix}.${failure.property}` : failure.property;
    const own = Object.values(failure.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidation(failure.children ?? [], field)];
  });
}

export interface ErrorReporter {
  (error: unknown): void;
}

/**
 * The one place errors leave the API: known codes pass with their message, validation failures
 * become BAD_USER_INPUT, and everything else is masked as INTERNAL_SERVER_ERROR (and reported).
 */
export function createErrorFormatter(report: ErrorReporter) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? '');
    const original = (error as { originalError?: unknown })?.originalError;
    const base = { message: formatted.message, ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
    // Domain errors that no resolver middleware converted (e.g. a subscription's event stream ending with EVENTS_MISSED).
    if (original instanceof DomainError) return { ...base, extensions: publicExtensions(toGraphQLError(original).extensions) };
    const validation = (formatted.extensions?.validationErrors ??
      (original as { validationErrors?: unknown })?.validationErrors) as ValidationFailure[] | undefined;
    if (Array.isArray(validation)) {
      const failures = flattenValidation(validation);
      return {
        ...base,
        message: failures.length ? `Invalid input: ${failures.map((f) => f.message).join('; ')}` : 'Invalid input',
        extensions: { code: 'BAD_USER_INPUT', fields: [...new Set(failures.map((f) => f.field))] },
      };
    }
    if (PUBLIC_CODES.has(code)) return { ...base, extensions: { ...publicExtensions(formatted.extensions), code } };
    if (REQUEST_CODES.has(code)) {
      return { ...base, extensions: { code: 'BAD_USER_INPUT', reason: code } };
    }
    report(error);
    return { message: 'Internal server error', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
