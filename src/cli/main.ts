// `npm run --silent sim -- ...`: runs the simulation headless and prints one
// JSON document (SPEC §5). The work is src/cli/run.ts; this is the process:
// stdout is written once, at the end, so nothing is half-printed, and bad
// input exits with status 2 and one line on stderr. A large run goes on one
// thread per core (src/cli/workers.ts); the output is the same.

import { availableParallelism } from 'node:os';
import { planCli, printed, runPlan, type CliOutcome } from './run';
import { simulateInWorkers } from './workers';

const plan = planCli(process.argv.slice(2), { cores: availableParallelism() });
let outcome: CliOutcome;
if ('code' in plan) outcome = plan;
else if (plan.workers > 1) outcome = printed(await simulateInWorkers(plan.scenario, plan.techniques, plan.traceClients, plan.workers));
else outcome = runPlan(plan);
const { code, stdout, stderr } = outcome;
if (stderr) process.stderr.write(stderr);
if (stdout) process.stdout.write(stdout);
process.exitCode = code;
