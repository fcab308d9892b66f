import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');
const CRUISER = join(ROOT, 'node_modules', '.bin', 'depcruise');

/** The same command `npm run check` runs, over the given paths. */
function cruise(...paths: string[]): { status: number | null; output: string } {
  const result = spawnSync(CRUISER, [...paths, '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the import boundaries (npm run check)', () => {
  const probes: string[] = [];

  /** A throw-away source file inside the tree, removed after the test. */
  function probe(path: string, source: string): string {
    const file = join(ROOT, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, source);
    probes.push(file);
    return relative(ROOT, file);
  }

  afterEach(() => {
    for (const file of probes.splice(0)) rmSync(file, { force: true });
  });

  it('holds for the tree as it is', () => {
    const { status, output } = cruise('server', 'workers', 'web', 'loadtests');
    expect(output).not.toContain('error ');
    expect(status).toBe(0);
  });

  it('refuses the domain importing GraphQL or the HTTP room', () => {
    const file = probe(
      `server/src/domain/boundary-probe-${process.pid}.ts`,
      "import { GraphQLError } from 'graphql';\nimport { createApiServer } from '../http/api-server';\nexport const probe = [GraphQLError, createApiServer];\n",
    );
    const { status, output } = cruise(file);
    expect(status).not.toBe(0);
    expect(output).toContain(`domain-knows-no-transport: ${file} → node_modules/graphql`);
    expect(output).toContain(`domain-knows-no-transport: ${file} → server/src/http/api-server.ts`);
  });

  it('refuses the dashboard importing server code', () => {
    const file = probe(`web/src/boundary-probe-${process.pid}.ts`, "import { parseId } from '../../server/src/domain/shared/ids';\nexport const probe = parseId;\n");
    const { status, output } = cruise(file);
    expect(status).not.toBe(0);
    expect(output).toContain('web-talks-through-the-schema');
  });

  it('refuses an import cycle', () => {
    const dir = `server/src/domain/boundary-probe-${process.pid}`;
    probe(`${dir}/a.ts`, "import { b } from './b';\nexport const a = () => b();\n");
    probe(`${dir}/b.ts`, "import { a } from './a';\nexport const b = (): unknown => a;\n");
    const { status, output } = cruise(dir);
    expect(status).not.toBe(0);
    expect(output).toContain('no-cycles');
    rmSync(join(ROOT, dir), { recursive: true, force: true });
  });
});
