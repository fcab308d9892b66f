import { NoSchemaIntrospectionCustomRule, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLError, type GraphQLSchema } from 'graphql';
import type { Context, SubscribePayload } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../domain/logging/logger';
import { parseAndValidate } from '../graphql/common/limits';
import { loginAttempts } from '../graphql/common/login-attempts';
import { formatErrors, type PublicErrorFormatter } from '../graphql/common/public-errors';
import { rateLimitedError } from '../graphql/common/rate-limited-error';
import type { AddressResolver } from './client-address';
import { takeLoginBudget } from './login-budget';
import type { OriginPolicy } from './origin-policy';
import type { RateLimiters } from './rate-limiters';

/** graphql-ws has no code for "too many connections"; 4429 (its too-many-requests family) stops its client retrying. */
export const TOO_MANY_CONNECTIONS = 4429;

/** Distinct valid operations whose parsed and validated document is kept (the dashboard has a handful), and the longest text kept. */
const VALIDATED_DOCUMENTS = 64;
const VALIDATED_TEXT_MAX = 8 * 1024;

/** A graphql-ws connection's context on the `ws` server. */
export type WsContext = Context<Record<string, unknown> | undefined, Extra>;

/**
 * What Apollo does for HTTP, done for graphql-ws, which runs none of Apollo's rules or plugins:
 * the Origin check at the upgrade, connections per user, a subscribe rate, the same parse and
 * validation limits, the login budget, and the same error formatting.
 */
export class WebSocketGuards {
  private readonly openPerUser = new Map<number, number>();
  private readonly userOfSocket = new WeakMap<object, number>();
  /** Documents that passed parsing and validation, by their text, least recently used first. */
  private readonly validated = new Map<string, DocumentNode>();

  constructor(
    private readonly options: {
      schema: GraphQLSchema;
      limiters: RateLimiters;
      origins: OriginPolicy;
      formatError: PublicErrorFormatter;
      maxConnectionsPerUser: number;
      clientAddress: AddressResolver;
      /** As on HTTP (Apollo's `introspection: false`): no schema introspection in production. */
      introspection: boolean;
      logger: Logger;
    },
  ) {}

  /**
   * For `new WebSocketServer({ verifyClient })`, before any upgrade: a refused Origin gets a plain 403,
   * and an upgrade is charged to its address like an HTTP request (429 + Retry-After over the budget).
   */
  readonly verifyClient = (
    info: { req: IncomingMessage },
    callback: (allowed: boolean, code?: number, message?: string, headers?: Record<string, string>) => void,
  ): void => {
    if (!this.options.origins.allows(info.req.headers)) {
      callback(false, 403, 'Origin not allowed');
      return;
    }
    this.options.limiters.api.take(`ip:${this.options.clientAddress(info.req)}`).then(
      (verdict) =>
        verdict.allowed
          ? callback(true)
          : callback(false, 429, 'Too Many Requests', { 'Retry-After': String(verdict.retryAfterSeconds) }),
      () => callback(true), // A broken counter store must not take the API down with it.
    );
  };

  /** Counts an authenticated socket against its user; false when the user already has the maximum open. */
  /** The client's address for an upgrade request, as the rate limits see it. */
  addressOf(request: Parameters<AddressResolver>[0]): string {
    return this.options.clientAddress(request);
  }

  admit(socket: object, userId: number): boolean {
    const open = this.openPerUser.get(userId) ?? 0;
    if (open >= this.options.maxConnectionsPerUser) return false;
    this.openPerUser.set(userId, open + 1);
    this.userOfSocket.set(socket, userId);
    return true;
  }

  release(socket: object): void {
    const userId = this.userOfSocket.get(socket);
    if (userId === undefined) return;
    this.userOfSocket.delete(socket);
    const open = (this.openPerUser.get(userId) ?? 1) - 1;
    if (open > 0) this.openPerUser.set(userId, open);
    else this.openPerUser.delete(userId);
  }

  readonly onSubscribe = async (
    ctx: WsContext,
    _id: string,
    payload: SubscribePayload,
  ): Promise<ExecutionArgs | readonly GraphQLError[]> => {
    const { schema, limiters } = this.options;
    const userId = this.userOfSocket.get(ctx.extra.socket);
    const address = this.options.clientAddress(ctx.extra.request);
    const rate = await limiters.wsSubscribe.take(userId === undefined ? `ip:${address}` : `user:${userId}`);
    if (!rate.allowed) return [rateLimitedError(rate.retryAfterSeconds, 'operations on this connection')];
    const parsed = this.parseAndValidate(payload.query);
    if (parsed.errors) return parsed.errors;
    const variables = payload.variables ?? undefined;
    const login = await takeLoginBudget(limiters, address, loginAttempts(parsed.document, payload.operationName, variables));
    if (!login.allowed) return [rateLimitedError(login.retryAfterSeconds, 'sign-in attempts')];
    return { schema, document: parsed.document, operationName: payload.operationName, variableValues: variables };
  };

  /**
   * parseAndValidate (the HTTP limits), remembered for valid documents: a thousand dashboards
   * subscribing with the same text then share one document, parsed and validated once. Validation
   * depends only on the text, the schema and the rules, all fixed here; refused texts are not kept.
   */
  private parseAndValidate(query: string): ReturnType<typeof parseAndValidate> {
    const known = this.validated.get(query);
    if (known) {
      this.validated.delete(query);
      this.validated.set(query, known);
      return { document: known };
    }
    const parsed = parseAndValidate(this.options.schema, query, this.options.introspection ? [] : [NoSchemaIntrospectionCustomRule]);
    if (parsed.document && query.length <= VALIDATED_TEXT_MAX) {
      this.validated.set(query, parsed.document);
      if (this.validated.size > VALIDATED_DOCUMENTS) this.validated.delete(this.validated.keys().next().value!);
    }
    return parsed;
  }

  readonly onNext = (_ctx: WsContext, _id: string, _payload: SubscribePayload, _args: ExecutionArgs, result: { errors?: readonly GraphQLError[] }) =>
    result.errors ? { ...result, errors: formatErrors(this.options.formatError, result.errors) } : undefined;

  /** The payload of a `next` message, for results written without graphql-ws (the same shape onNext gives it). */
  readonly formatResult = (result: ExecutionResult): unknown =>
    result.errors ? { ...result, errors: formatErrors(this.options.formatError, result.errors) } : result;

  readonly onError = (_ctx: WsContext, _id: string, _payload: SubscribePayload, errors: readonly GraphQLError[]) => {
    this.options.logger.debug({ errors: errors.map((e) => e.message) }, 'WebSocket operation refused or failed');
    return formatErrors(this.options.formatError, errors);
  };
}
