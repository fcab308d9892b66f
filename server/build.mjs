// Compiles server/src/**/*.ts to dist/server/**/*.js, and the workers' entry point (workers/src) to
// dist/workers, with SWC, using the options @swc-node/register
// derives from tsconfig.json (legacy decorators with metadata, no define semantics for class fields,
// CommonJS), so the compiled API behaves like the transpiled one without loading TypeScript and
// SWC's require hook into the process.
//
// dist/server sits at the same depth as server/src, so the paths the code resolves from __dirname
// (../../web/dist, ../../../../package.json) point at the same files. The build goes to a temporary
// directory first and replaces dist/server in one rename, so a running process never sees half of it.
// The workers' imports of server/src are pointed at dist/server, so neither process loads TypeScript.
import { transformFile } from '@swc/core';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The checkout to build: this one, or another given as the only argument (a snapshot of a commit).
const ROOT = resolve(process.argv[2] ?? resolve(dirname(fileURLToPath(import.meta.url)), '..'));
const SERVER_SOURCE = join(ROOT, 'server', 'src');
const TREES = [
  { source: SERVER_SOURCE, target: join(ROOT, 'dist', 'server') },
  { source: join(ROOT, 'workers', 'src'), target: join(ROOT, 'dist', 'workers') },
];

const SWC_OPTIONS = {
  swcrc: false,
  isModule: true,
  sourceMaps: true,
  inlineSourcesContent: false,
  module: { type: 'commonjs', noInterop: false },
  jsc: {
    target: 'es2022',
    keepClassNames: true,
    parser: { syntax: 'typescript', tsx: false, decorators: true, dynamicImport: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
  },
};

async function sources(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sources(path);
      return entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
    }),
  );
  return nested.flat();
}

/** A relative require of a file under server/src, from a file outside it, pointed at its compiled twin. */
function toCompiledServer(code, sourceFile, outFile) {
  if (sourceFile.startsWith(SERVER_SOURCE)) return code;
  return code.replace(/require\("(\.{1,2}\/[^"]+)"\)/g, (whole, specifier) => {
    const target = resolve(dirname(sourceFile), specifier);
    if (!target.startsWith(`${SERVER_SOURCE}/`)) return whole;
    const compiled = join(TREES[0].target, relative(SERVER_SOURCE, target));
    let path = relative(dirname(outFile), compiled);
    if (!path.startsWith('.')) path = `./${path}`;
    return `require(${JSON.stringify(path)})`;
  });
}

async function build({ source, target }) {
  const staging = `${target}.build-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const files = await sources(source);
  await Promise.all(
    files.map(async (file) => {
      const out = join(staging, relative(source, file)).replace(/\.ts$/, '.js');
      const final = join(target, relative(source, file)).replace(/\.ts$/, '.js');
      const mapName = `${out.slice(dirname(out).length + 1)}.map`;
      const { code, map } = await transformFile(file, { ...SWC_OPTIONS, filename: file, sourceFileName: relative(dirname(out), file) });
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, `${toCompiledServer(code, file, final)}\n//# sourceMappingURL=${mapName}\n`);
      if (map) await writeFile(`${out}.map`, map);
    }),
  );
  // Another build may land between the two steps (concurrent test or bench runs): replace it too.
  for (let attempt = 1; ; attempt++) {
    await rm(target, { recursive: true, force: true });
    try {
      await rename(staging, target);
      break;
    } catch (error) {
      if (attempt >= 5 || !['ENOTEMPTY', 'EEXIST'].includes(error?.code)) throw error;
    }
  }
  return `${files.length} files → ${relative(ROOT, target)}`;
}

async function main() {
  const started = Date.now();
  const built = [];
  for (const tree of TREES) built.push(await build(tree));
  process.stdout.write(`build:server: ${built.join(', ')} in ${Date.now() - started} ms\n`);
}

main().catch((error) => {
  process.stderr.write(`build:server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
