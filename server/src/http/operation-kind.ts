import { getOperationAST, parse } from 'graphql';
import { LIMITED_PARSE_OPTIONS } from '../graphql/common/limits';

export type OperationKind = 'query' | 'mutation' | 'subscription' | 'unknown';

// Clients send the same few documents over and over: remember what each one is.
const cacheSize = 256;
const known = new Map<string, OperationKind>();

/**
 * Whether a /graphql payload ({ query, operationName }, from a POST body or a GET's query string)
 * runs a query, a mutation or a subscription, for the rate limiter to pick a budget before Apollo
 * parses it. Anything it cannot tell (no document, a syntax error, a batch, an unknown operation
 * name) is 'unknown' and is charged like a mutation.
 */
export function operationKindOf(payload: unknown): OperationKind {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return 'unknown';
  const { query, operationName } = payload as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string') return 'unknown';
  const name = typeof operationName === 'string' && operationName !== '' ? operationName : undefined;
  const key = `${name ?? ''}\n${query}`;
  const cached = known.get(key);
  if (cached) return cached;

  let kind: OperationKind;
  try {
    kind = getOperationAST(parse(query, { ...LIMITED_PARSE_OPTIONS, noLocation: true }), name)?.operation ?? 'unknown';
  } catch {
    kind = 'unknown';
  }
  if (known.size >= cacheSize) known.delete(known.keys().next().value!);
  known.set(key, kind);
  return kind;
}
