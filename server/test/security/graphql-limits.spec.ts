import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, print, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as dashboard from '../../../web/src/generated/graphql';
import { MAX_PAGE_SIZE } from '../../src/domain/database/keyset-page';
import { GRAPHQL_LIMITS, LIMITED_PARSE_OPTIONS, limitValidationRules } from '../../src/graphql/common/limits';
import { documentCost } from '../../src/graphql/common/query-cost';
import { buildApiSchema } from '../../src/graphql/schema';
import { WS_MAX_PAYLOAD } from '../../src/http/graphql-websocket';
import { createStudent, startTestApp, type GraphQLResponse, type TestApp } from '../support/test-app';
import { openWsSession, type WsSession } from '../support/ws-session';

const BODY_LIMIT = 64 * 1024;

/** `{ ...on Query { ... me { id } } }`: armor counts each inline fragment as a level, so depth = wraps + 2. */
const depthQuery = (depth: number) => `{ ${'... on Query { '.repeat(depth - 2)}me { id }${' }'.repeat(depth - 2)} }`;
const aliasQuery = (aliases: number) => `{ ${Array.from({ length: aliases }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
const directiveQuery = (directives: number) => `{ me { id ${'__typename @include(if: true) '.repeat(directives)}} }`;
/**
 * Many small named operations (`query Q0 { __typename }` is 5 tokens), run as Q0: one large
 * selection set would trip graphql-js's own overlapping-fields budget before the token limit.
 */
const tokenQuery = (tokens: number) => {
  const small = Array.from({ length: Math.floor(tokens / 5) - 1 }, (_, i) => `query Q${i} { __typename }`);
  return `${small.join(' ')} query Last { ${'__typename '.repeat(1 + (tokens % 5))}}`;
};
/** Three aliased full pages of violations (1,602 each) under the limit; `extra` top-level fields add 1 each. */
const costQuery = (extra: number) =>
  `{ ${['a', 'b', 'c']
    .map((alias) => `${alias}: violations(first: 100) { edges { cursor node { id type specialization progressLevel licenseLevel totalXp student { id email fullName } } } }`)
    .join(' ')} ${'__typename '.repeat(extra)}}`;

/** The cost model's own figure for a query. */
function costOf(schema: GraphQLSchema, query: string): number {
  return documentCost(schema, parse(query));
}

/** For every limit: a query exactly at N (for cost: the last one at or under N), and one past N. */
function limitCases(schema: GraphQLSchema): Array<{ limit: string; atN: string; overN: string; operationName?: string }> {
  let extra = 0;
  while (costOf(schema, costQuery(extra + 1)) <= GRAPHQL_LIMITS.cost) extra += 1;
  return [
    { limit: 'MAX_DEPTH', atN: depthQuery(GRAPHQL_LIMITS.depth), overN: depthQuery(GRAPHQL_LIMITS.depth + 1) },
    { limit: 'MAX_ALIASES', atN: aliasQuery(GRAPHQL_LIMITS.aliases), overN: aliasQuery(GRAPHQL_LIMITS.aliases + 1) },
    {
      limit: 'MAX_DIRECTIVES',
      atN: directiveQuery(GRAPHQL_LIMITS.directives),
      overN: directiveQuery(GRAPHQL_LIMITS.directives + 1),
    },
    {
      limit: 'MAX_TOKENS',
      atN: tokenQuery(GRAPHQL_LIMITS.tokens),
      overN: tokenQuery(GRAPHQL_LIMITS.tokens + 1),
      operationName: 'Last',
    },
    { limit: 'MAX_COST', atN: costQuery(extra), overN: costQuery(extra + 1) },
  ];
}

describe('GraphQL shape limits', () => {
  let app: TestApp;
  let admin: string;
  let cases: ReturnType<typeof limitCases>;
  let ws: WsSession;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.adminToken();
    schema = await buildApiSchema();
    cases = limitCases(schema);
    ws = openWsSession(app.wsUrl);
    expect(await ws.init({ authorization: `Bearer ${admin}` })).toBe(true);
  });
  const post = async (query: string, operationName?: string): Promise<GraphQLResponse> => {
    const response = await fetch(app.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query, operationName }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse['body'] };
  };
  afterAll(async () => {
    ws.close();
    await app.close();
  });

  it('builds the cost probe on both sides of the limit', () => {
    const cost = cases.find((c) => c.limit === 'MAX_COST')!;
    expect(costOf(schema, cost.atN)).toBeLessThanOrEqual(GRAPHQL_LIMITS.cost);
    expect(costOf(schema, cost.overN)).toBeGreaterThan(GRAPHQL_LIMITS.cost);
  });

  describe('when a query is exactly at a limit', () => {
    it('answers it over HTTP and over the WebSocket', async () => {
      for (const { limit, atN, operationName } of cases) {
        const http = await post(atN, operationName);
        expect({ limit, status: http.status, errors: http.body.errors }).toEqual({ limit, status: 200, errors: undefined });
        const message = await ws.request(`at-${limit}`, atN, undefined, operationName);
        expect({ limit, type: message.type, errors: (message.payload as { errors?: unknown }).errors }).toEqual({
          limit,
          type: 'next',
          errors: undefined,
        });
      }
    });
  });

  describe('when a query is one past a limit', () => {
    it('refuses it over HTTP with 400, BAD_USER_INPUT and the limit name', async () => {
      for (const { limit, overN, operationName } of cases) {
        const { status, body } = await post(overN, operationName);
        expect({ limit, status, data: body.data }).toEqual({ limit, status: 400, data: undefined });
        expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit });
      }
    });

    it('refuses it over the WebSocket with the same code and limit name, keeping the connection open', async () => {
      for (const { limit, overN, operationName } of cases) {
        const message = await ws.request(`over-${limit}`, overN, undefined, operationName);
        expect({ limit, type: message.type }).toEqual({ limit, type: 'error' });
        expect((message.payload as Array<{ extensions?: unknown }>)[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit });
      }
      expect((await ws.request('still-open', '{ me { id } }')).type).toBe('next');
    });
  });

  describe('when the request body or WebSocket message is larger than 64 KB', () => {
    const padded = (size: number, shape: (pad: string) => string) => {
      const bare = shape('');
      return shape('x'.repeat(size - Buffer.byteLength(bare)));
    };

    it('answers a body of exactly 64 KB and refuses 64 KB + 1 with 413', async () => {
      const body = (size: number) => padded(size, (pad) => JSON.stringify({ query: '{ __typename }', variables: { pad } }));
      const post = (text: string) =>
        fetch(app.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
      expect(Buffer.byteLength(body(BODY_LIMIT))).toBe(BODY_LIMIT);
      expect((await post(body(BODY_LIMIT))).status).toBe(200);
      const over = await post(body(BODY_LIMIT + 1));
      expect(over.status).toBe(413);
      expect(((await over.json()) as { errors: Array<{ extensions: unknown }> }).errors[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    });

    it('answers a message of exactly maxPayload and closes the socket with 1009 at maxPayload + 1', async () => {
      expect(WS_MAX_PAYLOAD).toBeLessThanOrEqual(64 * 1024);
      const session = openWsSession(app.wsUrl);
      expect(await session.init({ authorization: `Bearer ${admin}` })).toBe(true);
      const message = (id: string, size: number) =>
        padded(size, (pad) => JSON.stringify({ id, type: 'subscribe', payload: { query: '{ __typename }', variables: { pad } } }));
      expect(Buffer.byteLength(message('a', WS_MAX_PAYLOAD))).toBe(WS_MAX_PAYLOAD);
      const answered = new Promise<string>((resolve) => session.socket.once('message', (data) => resolve(String(data))));
      session.send(message('a', WS_MAX_PAYLOAD));
      expect(JSON.parse(await answered)).toMatchObject({ id: 'a', type: 'next' });
      session.send(message('b', WS_MAX_PAYLOAD + 1));
      expect((await session.closed).code).toBe(1009);
    });
  });

  describe('when the dashboard sends its own operations', () => {
    it('keeps every one of them within every limit', () => {
      const documents = Object.entries(dashboard).filter(
        ([name, value]) => name.endsWith('Document') && typeof value === 'object' && (value as DocumentNode).kind === 'Document',
      );
      expect(documents.length).toBeGreaterThan(5);
      for (const [name, document] of documents) {
        expect(() => parse(print(document as DocumentNode), LIMITED_PARSE_OPTIONS)).not.toThrow();
        const errors = validate(schema, document as DocumentNode, limitValidationRules());
        expect({ name, errors: errors.map((e) => e.message) }).toEqual({ name, errors: [] });
      }
    });
  });

  describe('when the cost of a page is measured', () => {
    const dashboardOperations = () =>
      Object.entries(dashboard).flatMap(([name, value]) =>
        name.endsWith('Document') && typeof value === 'object' && (value as DocumentNode).kind === 'Document' ? [[name, value as DocumentNode] as const] : [],
      );
    /** The README's ```graphql examples. */
    const readmeExamples = () =>
      [...readFileSync(resolve(__dirname, '../../../README.md'), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const refusedForCost = (query: string) =>
      validate(schema, parse(query), limitValidationRules()).filter((e) => e.extensions.limit === 'MAX_COST');

    it('charges a page-size variable as the documented maximum page', () => {
      const withVariable = costOf(schema, 'query ($n: Int) { violations(first: $n) { edges { node { id } } } }');
      expect(withVariable).toBe(costOf(schema, `{ violations(first: ${MAX_PAGE_SIZE}) { edges { node { id } } } }`));
      expect(withVariable).toBeGreaterThan(costOf(schema, '{ violations(first: 10) { edges { node { id } } } }'));
      expect(costOf(schema, '{ violations(last: 100) { edges { node { id } } } }')).toBe(withVariable);
    });

    it('runs every dashboard query at first: 100 over HTTP without a cost refusal', async () => {
      const queries = dashboardOperations().filter(([, document]) =>
        document.definitions.some((d) => d.kind === 'OperationDefinition' && d.operation === 'query'),
      );
      expect(queries.map(([name]) => name)).toEqual(expect.arrayContaining(['ViolationsDocument', 'RecentRepairsDocument', 'CheckRunHistoryDocument']));
      // Queries about one thing (the repair preview's pair, a user, a rule's history) ask about a real one.
      const student = await createStudent(app, ['PLAYER']);
      const [rule] = await app.sql<{ id: number }>('select id from alert_rules order by id limit 1');
      for (const [name, document] of queries) {
        expect({ name, refused: refusedForCost(print(document)).map((e) => e.message) }).toEqual({ name, refused: [] });
        const response = await fetch(app.graphqlUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
          body: JSON.stringify({ query: print(document), variables: { first: MAX_PAGE_SIZE, studentId: String(student.id), specialization: 'PLAYER', id: String(student.id), ruleId: String(rule!.id) } }),
        });
        const body = (await response.json()) as GraphQLResponse['body'];
        expect({ name, status: response.status, errors: body.errors }).toEqual({ name, status: 200, errors: undefined });
      }
    });

    it('passes the README examples and the reported page (100 violations, 5 student fields and 7 others)', async () => {
      const examples = readmeExamples();
      expect(examples.length).toBeGreaterThanOrEqual(2);
      for (const example of examples) expect({ example, refused: refusedForCost(example).map((e) => e.message) }).toEqual({ example, refused: [] });
      const reported = `{ violations(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
        id type specialization progressLevel licenseLevel totalXp firstSeenAt student { id email fullName role isActive } } } } }`;
      const { status, body } = await post(reported);
      expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    });

    it('passes one full page of the richest row, every field of a repair with its student and actor', () => {
      const user = 'id email fullName role isActive';
      const everything = `{ repairs(first: 100) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node {
        id trigger action specialization jobId violationId before after createdAt student { ${user} } actor { ${user} } } } } }`;
      expect(refusedForCost(everything)).toEqual([]);
    });

    it('refuses aliased, fragment-spread and variable-sized amplification with MAX_COST', async () => {
      const row = 'id type specialization progressLevel licenseLevel totalXp firstSeenAt lastSeenAt resolvedAt student { id email fullName role isActive }';
      const abusive = [
        `{ ${Array.from({ length: 10 }, (_, i) => `a${i}: violations(first: 100) { edges { node { id } } }`).join(' ')} }`,
        `query ($n: Int) { a: repairs(first: $n) { ...r } b: repairs(first: $n) { ...r } c: repairs(first: $n) { ...r } }
         fragment r on RepairConnection { edges { cursor node { id action before after student { id email fullName } actor { id email fullName } } } }`,
        `fragment v on Violation { ${row} }
         { a: violations(last: 100) { edges { node { ...v ...v } } } b: violations(last: 100) { edges { node { ...v } } } c: violations(first: 100) { edges { node { ...v } } } }`,
      ];
      for (const query of abusive) {
        const { status, body } = await post(query);
        expect({ status, data: body.data, extensions: body.errors?.[0]?.extensions }).toMatchObject({
          status: 400,
          data: undefined,
          extensions: { code: 'BAD_USER_INPUT', limit: 'MAX_COST' },
        });
      }
    });
  });
});
