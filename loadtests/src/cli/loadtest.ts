import 'reflect-metadata';
import { SCENARIOS } from '../scenarios/scenario-catalogue';
import type { ScenarioOptions } from '../scenarios/scenario.types';
import { numberFlag, parseArgs } from './cli-args';
import { runSuite } from './run-suite';

const USAGE = `usage: npm run loadtest -- <scenario> [--duration s] [--connections n] [--rate r] [--students n] [--profile] [--pin]
scenarios: ${Object.keys(SCENARIOS).join(', ')}`;

async function main(): Promise<void> {
  const { positional, flags } = parseArgs(process.argv.slice(2));
  const name = positional[0];
  const definition = name ? SCENARIOS[name] : undefined;
  if (!name || !definition) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const options: ScenarioOptions = {
    ...definition.full,
    ...(numberFlag(flags, 'duration') ? { durationS: numberFlag(flags, 'duration')! } : {}),
    ...(numberFlag(flags, 'connections') ? { connections: numberFlag(flags, 'connections')! } : {}),
    ...(numberFlag(flags, 'rate') ? { rate: numberFlag(flags, 'rate')! } : {}),
    ...(numberFlag(flags, 'students') ? { students: numberFlag(flags, 'students')! } : {}),
    ...(flags.has('pin') ? { pinned: true } : {}),
  };
  await runSuite(name, `npm run loadtest -- ${process.argv.slice(2).join(' ')}`, [{ name, definition, options }], { profile: flags.has('profile') });
}

main().catch((error: unknown) => {
  process.stderr.write(`loadtest: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
