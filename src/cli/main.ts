// `npm run --silent sim -- ...`: runs the simulation headless and prints one
// JSON document (SPEC §5). Bad input exits with status 2 and one line on
// stderr; stdout is written once, at the end, so nothing is half-printed.

import { readFileSync } from 'node:fs';
import { resolveScenario, ScenarioError, simulate } from '../sim';
import { parseArgs, USAGE, UsageError } from './args';

function fail(message: string): never {
  process.stderr.write(`sim: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(2);
}

function readScenario(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    fail(`--scenario: cannot read '${file}': ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    fail(`--scenario: '${file}' is not valid JSON: ${(e as Error).message}`);
  }
}

function main(argv: string[]): void {
  let req;
  try {
    req = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) fail(e.message);
    throw e;
  }
  if (req.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let scenario;
  try {
    scenario = resolveScenario(req.scenarioFile === null ? {} : readScenario(req.scenarioFile), req.sets);
  } catch (e) {
    if (e instanceof ScenarioError) fail(e.message);
    throw e;
  }
  const out = simulate(scenario, req.techniques, { traceClients: req.trace ? 3 : 0 });
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main(process.argv.slice(2));
