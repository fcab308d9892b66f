import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  name: string;
  ms: number;
  share: number;
}

/** Where a frame's code lives: a package, our own folders, Node's internals, or the engine (GC, idle, program). */
function owner(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : `(${functionName || 'native'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const ours = /\/(server\/src\/[^/]+\/[^/]+|workers\/src|loadtests\/src)/.exec(url);
  if (ours) return ours[1]!;
  if (url.startsWith('node:')) return url;
  return url.replace(/^file:\/\//, '');
}

const CATEGORIES: Array<[string, RegExp]> = [
  ['idle', /^\(idle\)$/],
  ['startup: module loading and TS transpile', /^node:internal\/modules|^@swc|^\(compile|^pirates|^source-map/],
  ['socket writes (syscalls: pg queries, HTTP responses)', /^\(writev\)$|^\(writeUtf8String\)$|^\(writeBuffer\)$|^node:internal\/stream_base_commons/],
  ['garbage collection', /^\(garbage collector\)$/],
  ['token verification (jose + WebCrypto)', /^jose$|^node:internal\/crypto|^node:crypto|^node:internal\/worker\/js_transferable/],
  ['async context (AsyncLocalStorage hooks)', /async_hooks/],
  ['GraphQL (graphql, Apollo, type-graphql, validation, armor)', /^graphql$|^@apollo|^type-graphql$|^class-validator$|^class-transformer$|^@escape\.tech|^graphql-/],
  ['HTTP (node:http, express, middleware)', /^node:_http|^node:http|^express$|^router$|^body-parser$|^raw-body$|^finalhandler$|^helmet$|^cors$|^send$|^on-finished$|^content-type$|^type-is$|^iconv-lite$|^depd$|^qs$|^node:net$|^node:internal\/http|^\(parser\)/],
  ['database client (knex, pg, MikroORM)', /^knex$|^pg$|^pg-|^@mikro-orm/],
  ['rate limiter and Redis client', /^rate-limiter-flexible$|^ioredis$|^redis-|^denque$|^cluster-key-slot$/],
  ['logging (pino)', /^pino|^thread-stream$|^sonic-boom$/],
  ['our code (server/src)', /^server\/src/],
];

export function categoryOf(ownerName: string): string {
  return CATEGORIES.find(([, re]) => re.test(ownerName))?.[0] ?? 'other (Node internals, microtasks, program)';
}

/** Self time per package (or folder of ours) and per function, from a V8 .cpuprofile written by `node --cpu-prof`. */
export function summariseCpuProfile(path: string, top = 25): { total: number; byCategory: ProfileShare[]; byOwner: ProfileShare[]; byFunction: ProfileShare[] } {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const owners = new Map<string, number>();
  const categories = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const o = owner(frame.url, frame.functionName);
    owners.set(o, (owners.get(o) ?? 0) + us);
    const c = categoryOf(o);
    categories.set(c, (categories.get(c) ?? 0) + us);
    const fn = `${frame.functionName || '(anonymous)'} ${o}:${frame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / total }));
  return { total: total / 1000, byCategory: rank(categories), byOwner: rank(owners), byFunction: rank(functions) };
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node -r @swc-node/register loadtests/src/report/cpu-profile-summary.ts <file.cpuprofile>\n');
    process.exit(2);
  }
  const s = summariseCpuProfile(file);
  process.stdout.write(`total sampled: ${s.total.toFixed(0)} ms\n\nby category (self time):\n`);
  for (const c of s.byCategory) process.stdout.write(`${(c.share * 100).toFixed(1).padStart(5)} %  ${c.ms.toFixed(0).padStart(7)} ms  ${c.name}\n`);
  process.stdout.write('\nby package / folder (self time):\n');
  for (const o of s.byOwner) process.stdout.write(`${(o.share * 100).toFixed(1).padStart(5)} %  ${o.ms.toFixed(0).padStart(7)} ms  ${o.name}\n`);
  process.stdout.write('\nby function (self time):\n');
  for (const f of s.byFunction) process.stdout.write(`${(f.share * 100).toFixed(1).padStart(5)} %  ${f.ms.toFixed(0).padStart(7)} ms  ${f.name}\n`);
}
