import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { createErrorFormatter, type ErrorReporter } from './errors';
import { limitOf } from './limits';

/** graphql-js appends hints such as `Did you mean "email"?`: in production they map the schema for an attacker. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export function stripSuggestions(message: string): string {
  return message.replace(SUGGESTION, '').trim();
}

/**
 * The formatter both transports use: the shared coded formatter, plus `extensions.limit` on requests
 * refused by a shape limit, and no schema suggestions in production.
 */
export function createPublicErrorFormatter(options: { report: ErrorReporter; production: boolean }) {
  const format = createErrorFormatter(options.report);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    let result = format(formatted, error);
    const limit = result.extensions?.code === 'BAD_USER_INPUT' ? limitOf(formatted) : undefined;
    if (limit) result = { ...result, extensions: { ...result.extensions, limit } };
    if (options.production) result = { ...result, message: stripSuggestions(result.message) };
    return result;
  };
}

export type PublicErrorFormatter = ReturnType<typeof createPublicErrorFormatter>;

/** graphql-ws sends raw GraphQLErrors; this gives them the same shape HTTP clients get. */
export function formatErrors(format: PublicErrorFormatter, errors: readonly GraphQLError[]): GraphQLFormattedError[] {
  return errors.map((error) => format(error.toJSON(), error));
}
