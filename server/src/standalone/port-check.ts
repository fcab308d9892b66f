import { createServer } from 'node:net';

/**
 * Fails before anything starts when the API port is taken: a clash found only at the end would
 * first boot PostgreSQL and the worker for nothing (and the WebSocket server reports the listen
 * error loudly on its own).
 */
export function assertPortFree(port: number, host = '0.0.0.0'): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
