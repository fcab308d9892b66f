import { join } from 'node:path';
import { findFreePort } from '../../../server/src/standalone/free-port';
import { startTsChild } from '../stack/ts-child-process';

export interface PlainGraphqlProcess {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** Starts plain-graphql-server.ts as a child process and waits until it listens. */
export async function startPlainGraphqlServer(databaseUrl: string): Promise<PlainGraphqlProcess> {
  const port = await findFreePort();
  const child = await startTsChild(join(__dirname, 'plain-graphql-server.ts'), {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
  });
  return { url: `http://127.0.0.1:${port}/graphql`, pid: child.pid, stop: child.stop };
}
