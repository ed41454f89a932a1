// The command line as a function: arguments in, exit code and output out,
// with the file system behind one injected reader, so the fuzz suite
// (tests/fuzz) drives it in-process thousands of times. src/cli/main.ts
// is the process around it. Bad input gives exit 2 and one line on stderr
// and nothing on stdout; a run estimated over the work limit is refused the
// same way before anything is simulated, naming --max-work. `planCli` reads
// the arguments; `runCli` runs the plan in this thread, src/cli/main.ts on
// --workers threads (the same output).

import { DEFAULT_MAX_WORK, estimateWork, resolveScenario, ScenarioError, simulate, type RunOutput, type Scenario, type TechniqueId } from '../sim';
import { JsonError, parseJson } from '../sim/scenario/json';
import { escapeControls, quote } from '../sim/scenario/excerpt';
import { MAX_MAX_WORK, MAX_WORKERS, PARALLEL_FROM_WORK, parseArgs, USAGE, UsageError } from './args';
import { readScenarioFile } from './scenario-file';
import { installParts } from '../sim/parts';

// The command line runs any scenario, HTTP/2 included.
installParts();

export interface CliOutcome {
  code: 0 | 2;
  stdout: string;
  stderr: string;
}

export interface CliDeps {
  readFile: (path: string) => string;
  /** The work limit without --max-work (tests lower it to stay fast). */
  defaultMaxWork: number;
  /** Cores of the machine, for the default of --workers. */
  cores: number;
}

const DEFAULT_DEPS: CliDeps = { readFile: readScenarioFile, defaultMaxWork: DEFAULT_MAX_WORK, cores: 1 };

/** A run the command line accepted: what to simulate, and on how many threads. */
export interface CliPlan {
  scenario: Scenario;
  techniques: TechniqueId[];
  traceClients: number;
  workers: number;
}

/** Longest error line: messages are built short; this is the last guard. */
export const MAX_MESSAGE_CHARS = 400;

function failure(message: string): CliOutcome {
  let line = escapeControls(message.replace(/\s*\n\s*/g, ' '));
  if (line.length > MAX_MESSAGE_CHARS) line = `${line.slice(0, MAX_MESSAGE_CHARS - 3)}...`;
  return { code: 2, stdout: '', stderr: `sim: ${line}\n` };
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Run the command line in this thread (whatever --workers says: the output is the same). */
export function runCli(argv: readonly string[], deps: Partial<CliDeps> = {}): CliOutcome {
  const plan = planCli(argv, deps);
  return 'code' in plan ? plan : runPlan(plan);
}

/** Simulate an accepted plan in this thread. */
export function runPlan(plan: CliPlan): CliOutcome {
  return printed(simulate(plan.scenario, plan.techniques, { traceClients: plan.traceClients }));
}

/** The output of a finished run. */
export function printed(out: RunOutput): CliOutcome {
  return { code: 0, stdout: `${JSON.stringify(out)}\n`, stderr: '' };
}

/** Read the arguments: the run to do, or the outcome (help, a refusal) without running. */
export function planCli(argv: readonly string[], deps: Partial<CliDeps> = {}): CliOutcome | CliPlan {
  const d: CliDeps = { ...DEFAULT_DEPS, ...deps };
  try {
    const req = parseArgs(argv);
    if (req.help) return { code: 0, stdout: `${USAGE}\n`, stderr: '' };
    let base: unknown = {};
    if (req.scenarioFile !== null) {
      const text = d.readFile(req.scenarioFile);
      try {
        base = parseJson(text);
      } catch (e) {
        if (e instanceof JsonError) throw new UsageError(`--scenario: ${quote(req.scenarioFile, 80)}, ${e.message}`);
        throw e;
      }
    }
    const scenario = resolveScenario(base, req.sets);
    const work = estimateWork(scenario, req.techniques).total;
    const limit = req.maxWork ?? d.defaultMaxWork;
    if (work > limit && work > MAX_MAX_WORK) {
      return failure(`this run is estimated at ${fmt(work)} work units, more than any run may take (--max-work allows up to ${MAX_MAX_WORK.toExponential()}); lower clients, durationMs or the rates`);
    }
    if (work > limit) {
      return failure(
        `this run is estimated at ${fmt(work)} work units, over the limit of ${fmt(limit)}; ` +
          `add --max-work ${Math.ceil(work)} to run it anyway (about a minute per 80 million units at worst on one core, less on --workers threads), or lower clients, durationMs or the rates`,
      );
    }
    const workers = req.workers ?? (work > PARALLEL_FROM_WORK ? d.cores : 1);
    return { scenario, techniques: req.techniques, traceClients: req.trace ? 3 : 0, workers: Math.max(1, Math.min(workers, MAX_WORKERS)) };
  } catch (e) {
    if (e instanceof UsageError || e instanceof ScenarioError) return failure(e.message);
    throw e;
  }
}
