import { generate } from '@graphql-codegen/cli';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import codegenConfig from '../../../web/codegen';

const ROOT = resolve(__dirname, '../../..');
const GENERATED_DIR = 'web/src/generated';

describe('web/src/generated', () => {
  it('matches what codegen makes from schema.graphql and the dashboard operations (run `npm run gen:client`)', async () => {
    // In memory: nothing is written, so a drift never rewrites the committed files under test.
    const outputs: Array<{ filename: string; content: string }> = await generate({ ...codegenConfig, cwd: ROOT, silent: true }, false);
    const generated = new Map(outputs.map((output) => [resolve(ROOT, output.filename), output.content]));
    const committed = readdirSync(join(ROOT, GENERATED_DIR)).map((name) => resolve(ROOT, GENERATED_DIR, name));

    expect([...generated.keys()].sort()).toEqual(committed.sort());
    const drifted = [...generated].filter(([file, content]) => readFileSync(file, 'utf8') !== content).map(([file]) => file);
    expect(drifted, 'files that differ from a fresh `npm run gen:client`').toEqual([]);
  });
});
