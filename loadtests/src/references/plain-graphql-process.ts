import { join } from 'node:path';
import { findFreePort } from '../../../server/src/standalone/free-port';
import { startTsChild } from '../stack/ts-child-process';

export interface PlainGraphqlProcess {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Starts a plain graphql-js reference as a child process and waits until it listens: the dashboard's
 * reads (plain-graphql-server.ts) or the storm's write (plain-graphql-write-server.ts).
 */
export async function startPlainGraphqlServer(databaseUrl: string, file = 'plain-graphql-server.ts'): Promise<PlainGraphqlProcess> {
  const port = await findFreePort();
  const child = await startTsChild(join(__dirname, file), {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
  });
  return { url: `http://127.0.0.1:${port}/graphql`, pid: child.pid, stop: child.stop };
}
