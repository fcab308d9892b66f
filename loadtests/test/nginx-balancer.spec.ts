import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { answeringUpstream, nginxOnPath, startNginx, UPSTREAM_HEADER, type NginxBalancer } from '../src/stack/nginx-balancer';

/**
 * The load balancer the scale-out scenario puts in front of its API replicas, against three tiny
 * replicas that say who they are: HTTP spread over all of them, WebSocket upgrades passed through,
 * the answering replica named in X-Upstream, and a dead replica skipped by later requests and
 * reconnections. Needs nginx (`apt-get install -y nginx`, which .ci/run does); without it the
 * tests are reported as skipped.
 */
const nginxBinary = nginxOnPath();

interface Replica {
  port: number;
  server: Server;
  sockets: Set<Socket>;
  stop(): Promise<void>;
}

async function startReplica(): Promise<Replica> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ port: (server.address() as AddressInfo).port }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => ws.send(String((server.address() as AddressInfo).port)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    server,
    sockets,
    async stop() {
      // As a SIGKILL would: the listener and every connection go at once.
      for (const socket of sockets) socket.destroy();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function post(url: string): Promise<{ status: number; port: number; upstream: string | undefined }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
  const body = (await response.json()) as { port: number };
  return { status: response.status, port: body.port, upstream: answeringUpstream(response.headers.get(UPSTREAM_HEADER) ?? undefined) };
}

function openSocket(url: string): Promise<{ ws: WebSocket; port: number; upstream: string | undefined }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    let upstream: string | undefined;
    ws.once('upgrade', (response: IncomingMessage) => (upstream = answeringUpstream(response.headers[UPSTREAM_HEADER])));
    ws.once('message', (data) => resolve({ ws, port: Number(data.toString()), upstream }));
    ws.once('error', reject);
  });
}

describe.skipIf(!nginxBinary)('nginx in front of three replicas (the scale-out balancer)', () => {
  let replicas: Replica[] = [];
  let nginx: NginxBalancer;

  beforeAll(async () => {
    replicas = await Promise.all([startReplica(), startReplica(), startReplica()]);
    nginx = await startNginx([{ name: 'all', ports: replicas.map((r) => r.port) }], nginxBinary!);
  });

  afterAll(async () => {
    await nginx?.stop();
    await Promise.all(replicas.map((r) => r.stop().catch(() => undefined)));
  });

  it('spreads HTTP requests over every replica and names the one that answered', async () => {
    const answers = [];
    for (let i = 0; i < 9; i += 1) answers.push(await post(nginx.url('all')));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(new Set(answers.map((a) => a.port))).toEqual(new Set(replicas.map((r) => r.port)));
    for (const a of answers) expect(a.upstream).toBe(`127.0.0.1:${a.port}`);
  });

  it('passes WebSocket upgrades through to a replica, named on the upgrade', async () => {
    const opened = await Promise.all([0, 1, 2].map(() => openSocket(nginx.wsUrl('all'))));
    for (const o of opened) {
      expect(o.upstream).toBe(`127.0.0.1:${o.port}`);
      o.ws.close();
    }
    expect(new Set(opened.map((o) => o.port)).size).toBeGreaterThan(1);
  });

  it('sends requests and reconnections past a replica that died', async () => {
    const victim = replicas[2]!;
    const onVictim = await (async () => {
      for (let i = 0; i < 6; i += 1) {
        const o = await openSocket(nginx.wsUrl('all'));
        if (o.port === victim.port) return o;
        o.ws.close();
      }
      throw new Error('no WebSocket reached the third replica in 6 tries');
    })();
    const closed = new Promise<number>((resolve) => onVictim.ws.once('close', (code) => resolve(code)));
    await victim.stop();
    expect(await closed).toBe(1006);

    const answers = [];
    for (let i = 0; i < 6; i += 1) answers.push(await post(nginx.url('all')));
    expect(answers.every((a) => a.status === 200 && a.port !== victim.port)).toBe(true);
    const again = await openSocket(nginx.wsUrl('all'));
    expect(again.port).not.toBe(victim.port);
    expect([replicas[0]!.port, replicas[1]!.port]).toContain(again.port);
    again.ws.close();
  });
});
