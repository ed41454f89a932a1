// `npm run --silent sim -- ...`: runs the simulation headless and prints one
// JSON document (SPEC §5). The work is src/cli/run.ts; this is the process:
// stdout is written once, at the end, so nothing is half-printed, and bad
// input exits with status 2 and one line on stderr.

import { runCli } from './run';

const { code, stdout, stderr } = runCli(process.argv.slice(2));
if (stderr) process.stderr.write(stderr);
if (stdout) process.stdout.write(stdout);
process.exitCode = code;
