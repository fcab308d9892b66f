import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../../src/config/app-config';

// No Docker engine runs where the tests run: these check the deployment files' structure and
// that they only configure what the code really reads.
const ROOT = resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(resolve(ROOT, file), 'utf8');

interface Service {
  image?: string;
  build?: { context: string; target?: string };
  command?: string[];
  environment?: Record<string, unknown>;
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  volumes?: string[];
  restart?: string;
  profiles?: string[];
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;
const APP_SERVICES = ['migrate', 'server', 'workers'];

describe('docker-compose.yml', () => {
  it('defines PostgreSQL 16, Redis 7, migrate, server, workers and the web entry', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'migrate', 'server', 'workers', 'web']));
    expect(services.postgres!.image).toMatch(/^postgres:16/);
    expect(services.redis!.image).toMatch(/^redis:7/);
  });

  it('runs Redis without eviction and with the append-only file', () => {
    const command = services.redis!.command!.join(' ');
    expect(command).toContain('--maxmemory-policy noeviction');
    expect(command).toContain('--appendonly yes');
  });

  it('keeps PostgreSQL and Redis data in named volumes', () => {
    expect(services.postgres!.volumes).toContain('pgdata:/var/lib/postgresql/data');
    expect(services.redis!.volumes).toContain('redisdata:/data');
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(['pgdata', 'redisdata']));
  });

  it('gives every long-running service a health check', () => {
    for (const [name, service] of Object.entries(services)) {
      if (name === 'migrate' || service.profiles) continue;
      expect(service.healthcheck, name).toBeDefined();
    }
    expect(JSON.stringify(services.server!.healthcheck!.test)).toContain('/readyz');
  });

  it('migrates once before the API and the workers start', () => {
    expect(services.migrate!.restart).toBe('no');
    expect(services.migrate!.depends_on!.postgres!.condition).toBe('service_healthy');
    for (const name of ['server', 'workers']) {
      expect(services[name]!.depends_on!.migrate!.condition).toBe('service_completed_successfully');
      expect(services[name]!.depends_on!.redis!.condition).toBe('service_healthy');
    }
  });

  it('lets server and workers scale: no fixed host port, no container name', () => {
    for (const name of ['server', 'workers']) {
      expect(services[name]!.ports, name).toBeUndefined();
      expect((services[name] as Record<string, unknown>).container_name, name).toBeUndefined();
    }
    expect(services.web!.ports!.some((p) => p.endsWith(':8080'))).toBe(true);
    expect(services.web!.depends_on!.server!.condition).toBe('service_healthy');
  });

  it('starts each process from an entry file that exists', () => {
    for (const name of APP_SERVICES) {
      const command = services[name]!.command!;
      // The processes run precompiled in the image (npm run build:server maps server/src/X.ts to
      // dist/server/X.js and workers/src/X.ts to dist/workers/X.js).
      const compiled = command.find((part) => /^dist\/(server|workers)\/.+\.js$/.test(part));
      const entry = compiled
        ? compiled.replace(/^dist\/(server|workers)\//, '$1/src/').replace(/\.js$/, '.ts')
        : command.find((part) => part.endsWith('.ts'))!;
      expect(existsSync(resolve(ROOT, entry)), `${name}: ${entry}`).toBe(true);
    }
  });

  it('sets only environment variables that the configuration reads', () => {
    for (const name of APP_SERVICES) {
      const unknown = Object.keys(services[name]!.environment ?? {}).filter((key) => !CONFIG_VARIABLES.includes(key));
      expect(unknown, name).toEqual([]);
    }
    // The pieces a production deployment cannot run without.
    for (const key of ['NODE_ENV', 'DATABASE_URL', 'REDIS_URL', 'JWT_SECRET']) {
      expect(Object.keys(services.server!.environment!)).toContain(key);
      expect(Object.keys(services.workers!.environment!)).toContain(key);
    }
    expect(services.server!.environment!.NODE_ENV).toBe('production');
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stage = (name: string) => dockerfile.split(/^FROM /m).find((s) => new RegExp(` AS ${name}\\b`).test(s.split('\n')[0]!))!;

  it('is multi-stage: build, production dependencies, app, web', () => {
    for (const name of ['build', 'prod-deps', 'app', 'web']) expect(stage(name), name).toBeDefined();
    for (const service of Object.values(services)) if (service.build) expect(['app', 'web']).toContain(service.build.target);
  });

  it('installs production dependencies only into the app image, and runs it as a non-root user', () => {
    expect(stage('prod-deps')).toContain('npm ci --omit=dev');
    const app = stage('app');
    expect(app).toMatch(/COPY --from=prod-deps .*node_modules/);
    expect(app).not.toMatch(/^RUN npm (ci|install)/m);
    expect(app).toMatch(/^USER node$/m);
  });

  it('runs the processes with the heap and allocator settings npm run server and npm run workers use', () => {
    const { config } = JSON.parse(read('package.json')) as { config: { node_options: string; malloc_env: string } };
    // On node's command line: node refuses V8 heap flags in NODE_OPTIONS, so the image would not start.
    const flags = config.node_options.split(/\s+/);
    expect(stage('app')).toContain(`ENTRYPOINT ${JSON.stringify(['node', ...flags]).replace(/","/g, '", "')}`);
    expect(stage('app')).not.toMatch(/^ENV NODE_OPTIONS/m);
    expect(stage('app')).toContain(`ENV ${config.malloc_env}`);
    // The compose commands name the script only; the entrypoint runs node with the flags.
    for (const name of APP_SERVICES) expect(services[name]!.command![0], name).toMatch(/^dist\//);
  });

  it('starts node with the environment and entrypoint of the app stage (node refuses some flags in NODE_OPTIONS)', () => {
    const app = stage('app')!;
    const env: Record<string, string> = {};
    for (const [, pairs] of app.matchAll(/^ENV (.+)$/gm)) {
      for (const [, key, quoted, bare] of pairs!.matchAll(/([A-Z_]+)=(?:"([^"]*)"|(\S+))/g)) env[key!] = quoted ?? bare!;
    }
    const entrypoint = JSON.parse(/^ENTRYPOINT (\[.*\])$/m.exec(app)![1]!) as string[];
    expect(entrypoint[0]).toBe('node');
    const run = spawnSync(process.execPath, [...entrypoint.slice(1), '-e', 'process.stdout.write("started")'], {
      env: { PATH: process.env.PATH, ...env },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('started');
  });

  it('builds the dashboard and serves it from an unprivileged nginx that proxies GraphQL and WebSockets', () => {
    expect(stage('build')).toContain('npm run build:web');
    expect(stage('build')).toContain('npm run build:server');
    expect(stage('app')).toMatch(/^CMD \["dist\/server\/main\.js"\]$/m);
    expect(stage('web')).toContain('nginx-unprivileged');
    const nginx = read('web/deploy/nginx.conf');
    expect(nginx).toMatch(/location \/graphql \{[^}]*proxy_pass \$api;[^}]*Upgrade \$http_upgrade/s);
    expect(nginx).toContain('try_files $uri /index.html');
  });
});

describe('.env.example', () => {
  it('documents every variable the configuration reads', () => {
    const example = read('.env.example');
    const missing = CONFIG_VARIABLES.filter((key) => !new RegExp(`^#? ?${key}=`, 'm').test(example));
    expect(missing).toEqual([]);
  });
});
