import { spawn } from 'node:child_process';

/**
 * pg_dump / pg_restore in custom format against a connection URL. The password travels in
 * PGPASSWORD, never on the command line where `ps` would show it.
 */
export function backupDatabase(url: string, file: string): Promise<void> {
  return run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`], url);
}

/**
 * Replaces the database's objects with the dump's (drop, then create, in one transaction: a
 * failed restore leaves the database as it was). Stop the app first: restoring under live writers
 * waits on their locks.
 */
export function restoreDatabase(url: string, file: string): Promise<void> {
  return run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', file], url, true);
}

function connectionEnv(url: string): NodeJS.ProcessEnv {
  const parsed = new URL(url);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PGHOST: parsed.hostname,
    PGPORT: parsed.port || '5432',
    PGUSER: decodeURIComponent(parsed.username),
    PGDATABASE: decodeURIComponent(parsed.pathname.slice(1)),
  };
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  const sslmode = parsed.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

function run(tool: string, args: string[], url: string, targetsDatabase = false): Promise<void> {
  const env = connectionEnv(url);
  // pg_restore restores to stdout unless told the database explicitly.
  const fullArgs = targetsDatabase ? [`--dbname=${env.PGDATABASE}`, ...args] : args;
  return new Promise((resolve, reject) => {
    const child = spawn(tool, fullArgs, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const stderr: string[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === 'ENOENT' ? `${tool} not found: install the PostgreSQL client tools (apt-get install postgresql-client)` : error.message)),
    );
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const message = stderr.join('').trim().split('\n').filter(Boolean);
      if (message.some((line) => line.includes('version mismatch'))) {
        const versions = message.find((line) => line.includes('server version:'))?.replace(/^[^:]+: (detail: )?/, '') ?? '';
        return reject(new Error(`${tool} is older than the server (${versions}): install a ${tool} at least as new as the server`));
      }
      reject(new Error(`${tool} failed: ${message.slice(-3).join(' | ')}`));
    });
  });
}
