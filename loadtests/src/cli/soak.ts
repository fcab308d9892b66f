import 'reflect-metadata';
import { SCENARIOS } from '../scenarios/scenario-catalogue';
import { numberFlag, parseArgs } from './cli-args';
import { runSuite } from './run-suite';

/** `npm run soak -- --minutes 30 [--rate 100]`: the steady mix, reported as soak.md / soak.html. */
const { flags } = parseArgs(process.argv.slice(2));
const minutes = numberFlag(flags, 'minutes') ?? 3;
const rate = numberFlag(flags, 'rate') ?? 100;

// The API (a child of this process) inherits an inspector on a free loopback port: between
// segments the soak forces a full collection through it and reads the retained heap.
process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, '--inspect=127.0.0.1:0'].filter(Boolean).join(' ');

runSuite('soak', `npm run soak -- ${process.argv.slice(2).join(' ')}`.trim(), [
  { name: 'soak', definition: SCENARIOS.soak!, options: { durationS: minutes * 60, rate } },
]).catch((error: unknown) => {
  process.stderr.write(`soak: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
