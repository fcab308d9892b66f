import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { costLimitRule, MAX_QUERY_COST } from './query-cost';

/**
 * Shape limits for every operation, on HTTP (Apollo) and WebSocket (graphql-ws) alike. The numbers fit
 * the dashboard's deepest query (violations → edges → node → student → email is depth 5) with room to
 * spare, and stop the classic amplification attacks (deep nesting, alias fan-out, directive spam).
 */
export const GRAPHQL_LIMITS = {
  depth: 8,
  aliases: 10,
  /** query-cost.ts: scalars 1, objects 2, lists × the rows of their page; a full page × ROW_BUDGET. */
  cost: MAX_QUERY_COST,
  tokens: 1_000,
  directives: 10,
} as const;

export type GraphQLLimitName = 'MAX_DEPTH' | 'MAX_ALIASES' | 'MAX_COST' | 'MAX_TOKENS' | 'MAX_DIRECTIVES';

/** graphql-js's own token counter (the same lexer hook graphql-armor's max-tokens uses). */
export const LIMITED_PARSE_OPTIONS: ParseOptions = { maxTokens: GRAPHQL_LIMITS.tokens };

const TOKEN_LIMIT_MESSAGE = /Document contains more th\w+ \d+ tokens/;

/** Which limit a parse or validation error reports, if any (for `extensions.limit`). */
export function limitOf(error: { message: string; extensions?: Record<string, unknown> }): GraphQLLimitName | undefined {
  const limit = error.extensions?.limit;
  if (typeof limit === 'string') return limit as GraphQLLimitName;
  return TOKEN_LIMIT_MESSAGE.test(error.message) ? 'MAX_TOKENS' : undefined;
}

/**
 * graphql-armor rules throw out of `validate()` by default; here they report an ordinary validation
 * error instead, tagged with the limit so clients (and tests) can tell which one they hit.
 */
function reporting(limit: GraphQLLimitName) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        context?.reportError(
          new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { limit } }),
        );
      },
    ],
  };
}

export function limitValidationRules(): ValidationRule[] {
  return [
    maxDepthRule({ n: GRAPHQL_LIMITS.depth, ...reporting('MAX_DEPTH') }),
    maxAliasesRule({ n: GRAPHQL_LIMITS.aliases, ...reporting('MAX_ALIASES') }),
    costLimitRule(GRAPHQL_LIMITS.cost),
    maxDirectivesRule({ n: GRAPHQL_LIMITS.directives, ...reporting('MAX_DIRECTIVES') }),
  ] as ValidationRule[];
}

/** What graphql-ws would do by default, with the same token limit and rules Apollo applies on HTTP. */
export function parseAndValidate(
  schema: GraphQLSchema,
  source: string,
  extraRules: readonly ValidationRule[] = [],
): { document: DocumentNode; errors?: undefined } | { document?: undefined; errors: readonly GraphQLError[] } {
  let document: DocumentNode;
  try {
    document = parse(source, LIMITED_PARSE_OPTIONS);
  } catch (error) {
    const parseError = error instanceof GraphQLError ? error : new GraphQLError('Syntax Error: the query could not be parsed.');
    return { errors: [new GraphQLError(parseError.message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })] };
  }
  const errors = validate(schema, document, [...specifiedRules, ...limitValidationRules(), ...extraRules]);
  if (errors.length > 0) {
    return {
      errors: errors.map(
        (e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { ...e.extensions, code: 'GRAPHQL_VALIDATION_FAILED' } }),
      ),
    };
  }
  return { document };
}
