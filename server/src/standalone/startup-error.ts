import { ConfigError } from '../config/app-config';

/** One line a newcomer can act on, for the failures a start meets in practice; never a stack. */
export function describeStartupError(error: unknown, port: number): string {
  const e = error as NodeJS.ErrnoException & { address?: string; port?: number };
  if (error instanceof ConfigError) return error.message;
  if (e?.code === 'EADDRINUSE') return `port ${port} is already in use: stop the other process or start with PORT=<another port>`;
  if (e?.code === 'EACCES' && e.syscall === 'listen') return `not allowed to listen on port ${port}: use a port above 1023 (PORT=4000)`;
  if (e?.code === 'ECONNREFUSED') return `cannot connect to ${e.address ?? 'a service'}:${e.port ?? ''} (is it running? check DATABASE_URL / REDIS_URL)`;
  if (e?.code === 'EACCES' || e?.code === 'EROFS') return `cannot write the data directory: ${e.message}`;
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
