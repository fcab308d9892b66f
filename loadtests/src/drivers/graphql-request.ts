import { request, type Agent, type ClientRequest, type IncomingHttpHeaders } from 'node:http';

/** What a driver sends: a GraphQL body, plus whatever the scenario wants back with the response. */
export interface PlannedRequest {
  body: string;
  tag?: unknown;
}

export type RequestPlan = () => PlannedRequest;

/** Called for every response; `ok` is HTTP 200 without GraphQL errors. */
export type ResponseHook = (ok: boolean, tag: unknown, body: string) => void;

export function isOk(status: number, body: string): boolean {
  return status === 200 && !body.includes('"errors"');
}

/** Why a response counts as a failure: the HTTP status, else the first GraphQL error code. */
export function failureKind(status: number, body: string): string {
  if (status !== 200) return `http ${status}`;
  return /"code":"([A-Z_]+)"/.exec(body)?.[1] ?? 'graphql error';
}

export function graphqlBody(query: string, variables: Record<string, unknown> = {}): string {
  return JSON.stringify({ query, variables });
}

/**
 * The load clients' `http.Agent` timeout. Node 20 applies the server's `Keep-Alive: timeout=5`
 * hint (retiring an idle socket 1 s before that) only when the agent has a timeout of its own;
 * without one, an idle socket stays pooled until the server drops it, and a request sent on it at
 * that instant fails with ECONNRESET (nodejs/node#47130): a client-side failure the runs would
 * blame on the API. In-flight requests keep their own 10 s timeout.
 */
export const KEEP_ALIVE_AGENT_TIMEOUT_MS = 10_000;

export interface GraphqlPost {
  url: URL;
  agent: Agent;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/**
 * POSTs one GraphQL body and calls `finish` exactly once: `ok` is HTTP 200 without GraphQL errors;
 * otherwise `kind` says why (the HTTP status or first error code, `timeout`, or `connection (...)`
 * with the socket error code and whether the socket was reused). `headers` are the response's, when one came.
 */
export function postGraphql(post: GraphqlPost, finish: (ok: boolean, body: string, kind?: string, headers?: IncomingHttpHeaders) => void): ClientRequest {
  let settled = false;
  const settle = (ok: boolean, body: string, kind?: string, headers?: IncomingHttpHeaders) => {
    if (settled) return;
    settled = true;
    finish(ok, body, kind, headers);
  };
  const { url, agent, headers, timeoutMs } = post;
  const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers, timeout: timeoutMs }, (res) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const ok = isOk(res.statusCode ?? 0, body);
      settle(ok, body, ok ? undefined : failureKind(res.statusCode ?? 0, body), res.headers);
    });
    res.on('error', () => settle(false, '', 'connection'));
  });
  req.on('timeout', () => req.destroy(new Error('timeout')));
  req.on('error', (error: NodeJS.ErrnoException) =>
    settle(false, '', error.message === 'timeout' ? 'timeout' : `connection (${error.code ?? error.message}${req.reusedSocket ? ', reused socket' : ''})`),
  );
  req.end(post.body);
  return req;
}
