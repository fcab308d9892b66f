import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { printApiSchema } from '../graphql/print-schema';

/** Writes schema.graphql at the repository root from the code (`npm run gen:schema`). */
async function main(): Promise<void> {
  const target = resolve(__dirname, '../../../schema.graphql');
  writeFileSync(target, await printApiSchema());
  process.stdout.write(`wrote ${target}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`gen:schema: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
