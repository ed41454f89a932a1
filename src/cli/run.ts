// The command line as a function: arguments in, exit code and output out,
// with the file system behind one injected reader, so the fuzz suite
// (tests/fuzz) drives it in-process thousands of times. src/cli/main.ts
// is the process around it. Bad input gives exit 2 and one line on stderr
// and nothing on stdout; a run estimated over the work limit is refused the
// same way before anything is simulated, naming --max-work.

import { DEFAULT_MAX_WORK, estimateWork, resolveScenario, ScenarioError, simulate } from '../sim';
import { JsonError, parseJson } from '../sim/scenario/json';
import { escapeControls, quote } from '../sim/scenario/excerpt';
import { MAX_MAX_WORK, parseArgs, USAGE, UsageError } from './args';
import { readScenarioFile } from './scenario-file';

export interface CliOutcome {
  code: 0 | 2;
  stdout: string;
  stderr: string;
}

export interface CliDeps {
  readFile: (path: string) => string;
  /** The work limit without --max-work (tests lower it to stay fast). */
  defaultMaxWork: number;
}

const DEFAULT_DEPS: CliDeps = { readFile: readScenarioFile, defaultMaxWork: DEFAULT_MAX_WORK };

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

export function runCli(argv: readonly string[], deps: Partial<CliDeps> = {}): CliOutcome {
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
          `add --max-work ${Math.ceil(work)} to run it anyway (about a minute per 20 million units at worst), or lower clients, durationMs or the rates`,
      );
    }
    const out = simulate(scenario, req.techniques, { traceClients: req.trace ? 3 : 0 });
    return { code: 0, stdout: `${JSON.stringify(out)}\n`, stderr: '' };
  } catch (e) {
    if (e instanceof UsageError || e instanceof ScenarioError) return failure(e.message);
    throw e;
  }
}
