import { createServer, Socket, type Server } from 'node:net';

export interface TcpRelay {
  readonly port: number;
  /** Sends new connections to this port from now on. */
  retarget(port: number): void;
  /** Drops every relayed connection (both sides), as a server restart would. */
  cut(): void;
  close(): Promise<void>;
}

/**
 * A loopback TCP relay on a fixed port, so a client's URL stays valid while the server behind it
 * is restarted on another port (embedded PostgreSQL picks a free port at each start).
 */
export async function startTcpRelay(targetPort: number): Promise<TcpRelay> {
  let target = targetPort;
  const open = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = new Socket();
    open.add(inbound).add(outbound);
    const drop = () => {
      inbound.destroy();
      outbound.destroy();
      open.delete(inbound);
      open.delete(outbound);
    };
    inbound.on('error', drop).on('close', drop);
    outbound.on('error', drop).on('close', drop);
    outbound.connect(target, '127.0.0.1', () => {
      inbound.pipe(outbound);
      outbound.pipe(inbound);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    retarget: (port) => {
      target = port;
    },
    cut: () => {
      for (const socket of open) socket.destroy();
      open.clear();
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
