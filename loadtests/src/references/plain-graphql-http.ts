import { type GraphQLSchema, graphql } from 'graphql';
import { createServer, type IncomingMessage } from 'node:http';
import type { Pool } from 'pg';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString()));
    req.on('error', reject);
  });
}

/**
 * Serves a reference's schema on `node:http` at `PORT` the plainest way graphql-js allows (no
 * framework, no plugins), prints `ready`, and closes the server and its pool on SIGTERM.
 */
export function servePlainGraphQL(schema: GraphQLSchema, rootValue: unknown, pool: Pool): void {
  const server = createServer(async (req, res) => {
    try {
      const { query, variables } = JSON.parse(await readBody(req)) as { query: string; variables?: Record<string, unknown> };
      const result = await graphql({ schema, source: query, rootValue, variableValues: variables ?? {} });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(result));
    } catch (error) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: (error as Error).message }] }));
    }
  });
  server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
  process.once('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
}
