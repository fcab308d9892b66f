import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../../../server/src/standalone/free-port';
import { waitForPort } from './redis-server';

/** The response header naming the replica that answered (nginx's `$upstream_addr`: `host:port`, or a list after a retry). */
export const UPSTREAM_HEADER = 'x-upstream';

export interface BalancedPool {
  /** What the listener is called in the report (e.g. `3 replicas`). */
  name: string;
  /** The replicas' loopback ports. */
  ports: number[];
}

export interface NginxBalancer {
  /** `http://127.0.0.1:<port>` of each pool's listener, by pool name. */
  url(pool: string): string;
  graphqlUrl(pool: string): string;
  wsUrl(pool: string): string;
  readonly version: string;
  /** The configuration it runs, for the report. */
  readonly config: string;
  stderrTail(): string;
  stop(): Promise<void>;
}

const INSTALL_HINT = 'apt-get update && apt-get install -y nginx';

/** The replica (`host:port`) that finally answered, from an `X-Upstream` value (the last of a retried list). */
export function answeringUpstream(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[header.length - 1] : header;
  return value?.split(',').pop()?.trim() || undefined;
}

export interface NginxBinary {
  path: string;
  version: string;
}

/** nginx on PATH (or in /usr/sbin, where Debian puts it), or null. */
export function nginxOnPath(): NginxBinary | null {
  for (const candidate of ['nginx', '/usr/sbin/nginx']) {
    const run = spawnSync(candidate, ['-v'], { encoding: 'utf8' });
    if (!run.error && run.status === 0) return { path: candidate, version: (run.stderr || run.stdout).trim().replace(/^nginx version: /, '') };
  }
  return null;
}

/**
 * nginx's binary: from PATH (or /usr/sbin), else installed with apt-get when this runs as root
 * (LOADTEST_INSTALL_NGINX=0 turns that off), else an error saying how to install it.
 */
export function findNginx(env: NodeJS.ProcessEnv = process.env): NginxBinary {
  const probe = nginxOnPath;
  const found = probe();
  if (found) return found;
  const canInstall = process.getuid?.() === 0 && env.LOADTEST_INSTALL_NGINX !== '0' && !spawnSync('apt-get', ['--version']).error;
  if (canInstall) {
    process.stderr.write(`nginx not found: installing it (${INSTALL_HINT})\n`);
    const install = spawnSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx`], { encoding: 'utf8' });
    const installed = probe();
    if (installed) return installed;
    throw new Error(`nginx is needed as the load balancer and installing it failed (${INSTALL_HINT}): ${(install.stderr || install.stdout).trim().slice(-500)}`);
  }
  throw new Error(`nginx is needed as the load balancer: install it with \`${INSTALL_HINT}\` (as root), or put it on PATH`);
}

/**
 * The configuration: one listener on loopback per pool, each proxying HTTP (keep-alive to the
 * replicas) and WebSocket upgrades (`Upgrade`/`Connection` passed on, an hour's read timeout) to
 * its replicas round-robin. A replica that refuses a connection is skipped for 5 s (max_fails=1),
 * and a request not yet sent to it goes to the next one; a POST already sent is not retried (nginx
 * never passes a non-idempotent request on), so the client sees the 502. Every answer names the
 * replica in `X-Upstream`, upgrades included.
 */
export function nginxConfig(dir: string, listeners: Array<BalancedPool & { listen: number }>, runAsRoot: boolean): string {
  const upstreams = listeners
    .map(
      (l, i) => `  upstream pool${i} {
${l.ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n')}
    keepalive 64;
  }`,
    )
    .join('\n');
  const servers = listeners
    .map(
      (l, i) => `  server {
    listen 127.0.0.1:${l.listen};
    location / {
      proxy_pass http://pool${i};
      proxy_http_version 1.1;
      proxy_set_header Host $host;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_read_timeout 3600s;
      proxy_send_timeout 3600s;
      add_header X-Upstream $upstream_addr always;
    }
  }`,
    )
    .join('\n');
  return `# ${listeners.map((l) => `${l.name}: 127.0.0.1:${l.listen}`).join('; ')}
${runAsRoot ? 'user root root;\n' : ''}worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log stderr warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path ${join(dir, 'client_body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
  keepalive_requests 100000;
  map $http_upgrade $connection_upgrade {
    default upgrade;
    '' '';
  }
${upstreams}
${servers}
}
`;
}

/**
 * A real nginx in the foreground (`daemon off`, no systemd) with its own configuration in a
 * temporary directory: one loopback listener per pool of API replicas.
 */
export async function startNginx(pools: BalancedPool[], nginx: NginxBinary = findNginx()): Promise<NginxBalancer> {
  const dir = mkdtempSync(join(tmpdir(), 'levelsync-nginx-'));
  chmodSync(dir, 0o755);
  for (const sub of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub));
  const listeners = await Promise.all(pools.map(async (pool) => ({ ...pool, listen: await findFreePort() })));
  const config = nginxConfig(dir, listeners, process.getuid?.() === 0);
  const configPath = join(dir, 'nginx.conf');
  writeFileSync(configPath, config);
  const test = spawnSync(nginx.path, ['-t', '-q', '-p', dir, '-c', configPath], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx refused its configuration (${configPath}): ${test.stderr.trim()}`);
  let stderr = '';
  const child: ChildProcess = spawn(nginx.path, ['-p', dir, '-c', configPath, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (const l of listeners) await waitForPort(l.listen);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`nginx did not listen: ${(error as Error).message}; stderr: ${stderr.trim()}`);
  }
  const byName = new Map(listeners.map((l) => [l.name, l.listen]));
  const port = (pool: string) => {
    const listen = byName.get(pool);
    if (listen === undefined) throw new Error(`no nginx listener for ${pool}`);
    return listen;
  };
  return {
    url: (pool) => `http://127.0.0.1:${port(pool)}`,
    graphqlUrl: (pool) => `http://127.0.0.1:${port(pool)}/graphql`,
    wsUrl: (pool) => `ws://127.0.0.1:${port(pool)}/graphql`,
    version: nginx.version,
    config,
    stderrTail: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.kill('SIGTERM');
        await exited;
        clearTimeout(force);
      }
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
