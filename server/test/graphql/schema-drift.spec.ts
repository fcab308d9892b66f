import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printApiSchema } from '../../src/graphql/print-schema';

describe('schema.graphql', () => {
  it('matches the schema the code builds (run `npm run gen:schema` after changing resolvers)', async () => {
    const committed = readFileSync(resolve(__dirname, '../../../schema.graphql'), 'utf8');
    expect(committed).toBe(await printApiSchema());
  });
});
