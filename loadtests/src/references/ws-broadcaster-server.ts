import { Redis } from 'ioredis';
import { WebSocketServer, WebSocket } from 'ws';

/**
 * The reference for fan-out: every message on a Redis channel is written as-is to every open
 * WebSocket. The same path as the API's subscriptions (Redis pub/sub → one process → N sockets)
 * without graphql-ws, type-graphql, the pub/sub repeaters or per-subscriber execution.
 */
async function main(): Promise<void> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: Number(process.env.PORT) });
  const redis = new Redis(process.env.REDIS_URL!);
  redis.on('message', (_channel: string, message: string) => {
    for (const socket of server.clients) if (socket.readyState === WebSocket.OPEN) socket.send(message);
  });
  await redis.subscribe(process.env.CHANNEL!);
  server.on('listening', () => process.stdout.write('ready\n'));
  if (server.address()) process.stdout.write('ready\n');
  process.once('SIGTERM', () => {
    for (const socket of server.clients) socket.terminate();
    server.close(() => void redis.quit().finally(() => process.exit(0)));
  });
}

void main();
