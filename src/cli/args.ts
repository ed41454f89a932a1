// Command-line arguments of `npm run sim` (SPEC §5, §7), parsed into a
// request or refused with a one-line message. Pure: no process, no file
// system. Every piece of an argument echoed in a message is cut and escaped
// (src/sim/scenario/excerpt.ts): an argument may be a megabyte long or hold
// terminal escape sequences.

import { DEFAULT_MAX_WORK, KEYS, allowedText, didYouMean, readNumber } from '../sim';
import { helpOf } from '../sim/scenario/key-help';
import { quote } from '../sim/scenario/excerpt';
import { TECHNIQUES, type TechniqueId } from '../sim/types';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliRequest {
  techniques: TechniqueId[];
  sets: [string, string][];
  scenarioFile: string | null;
  trace: boolean;
  help: boolean;
  /** Most work units the run may take (src/sim/run/work.ts); null: the default. */
  maxWork: number | null;
  /** Threads to simulate on (src/cli/workers.ts); null: one per core for a large run, else one. */
  workers: number | null;
}

/** Runs estimated above this many work units (a few seconds) go on all cores unless --workers says otherwise. */
export const PARALLEL_FROM_WORK = 5_000_000;

/** Most --workers: beyond the cores a machine has, threads only add start-up time. */
export const MAX_WORKERS = 64;

/** Largest --max-work: beyond it, runs take days and more memory than a machine has. */
export const MAX_MAX_WORK = 1e12;

export const USAGE = `usage: npm run --silent sim -- [--technique ID]... [--set KEY=VALUE]... [--scenario FILE.json] [--trace] [--max-work N] [--workers N]
  --technique ID   ${TECHNIQUES.join(', ')} or all (repeatable; default all)
  --set KEY=VALUE  a scenario key, e.g. network.latencyMs=100 (repeatable, the last of a key wins; wins over --scenario)
  --scenario FILE  a JSON scenario file (a regular file of at most 1 MiB), nested like the keys ({"network": {"latencyMs": 100}})
  --trace          include the packet and state trace of the first 3 clients
  --workers N      simulate on N threads, 1 to ${MAX_WORKERS} (default: one per core for a run of over ${PARALLEL_FROM_WORK.toLocaleString('en-US')} work units, else 1); the output is the same for any N
  --max-work N     refuse runs estimated above N work units (default ${DEFAULT_MAX_WORK.toLocaleString("en-US")}: at most about a minute; raise it for longer runs)
  --help           this text

scenario keys (default; allowed):
${KEYS.map((k) => `  ${k.key.padEnd(30)} ${String(k.default).padEnd(9)} ${allowedText(k)}: ${helpOf(k.key)}`).join('\n')}`;

/** Options that take no value: `--trace=no` is refused, not read as --trace. */
const FLAGS = new Set(['--trace', '--help', '-h']);

/** Every option, for the hint after a misspelt one. */
const OPTIONS = ['--technique', '--set', '--scenario', '--trace', '--workers', '--max-work', '--help'];

// Numbers in options are written as scenario values are (readNumber: the one number syntax of the command line and the URL).
function parseMaxWork(text: string): number {
  const n = readNumber(text) ?? NaN;
  if (!(n >= 1 && n <= MAX_MAX_WORK)) {
    throw new UsageError(`--max-work: ${quote(text)} is not allowed; expected a number of work units from 1 to ${MAX_MAX_WORK.toExponential()} (e.g. --max-work 200000000)`);
  }
  return Math.floor(n);
}

function parseWorkers(text: string): number {
  const n = readNumber(text) ?? NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS) {
    throw new UsageError(`--workers: ${quote(text)} is not allowed; expected a whole number of threads from 1 to ${MAX_WORKERS} (e.g. --workers 4)`);
  }
  return n;
}

export function parseArgs(argv: readonly string[]): CliRequest {
  const req: CliRequest = { techniques: [], sets: [], scenarioFile: null, trace: false, help: false, maxWork: null, workers: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    // Accept both "--set k=v" and "--set=k=v".
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (FLAGS.has(name) && inline !== undefined) throw new UsageError(`option ${name} takes no value (got ${quote(arg)})`);
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`option ${name} needs a value`);
      i++;
      return v;
    };
    switch (name) {
      case '--technique': {
        const id = value();
        if (id === 'all') req.techniques.push(...TECHNIQUES);
        else if ((TECHNIQUES as readonly string[]).includes(id)) req.techniques.push(id as TechniqueId);
        else throw new UsageError(`--technique: ${quote(id)} is not a technique; expected one of ${TECHNIQUES.join(', ')}, all`);
        break;
      }
      case '--set': {
        const kv = value();
        const at = kv.indexOf('=');
        if (at <= 0) throw new UsageError(`--set: ${quote(kv)} is not KEY=VALUE (e.g. --set network.latencyMs=100)`);
        req.sets.push([kv.slice(0, at).trim(), kv.slice(at + 1)]);
        break;
      }
      case '--scenario':
        if (req.scenarioFile !== null) throw new UsageError('--scenario given twice');
        req.scenarioFile = value();
        break;
      case '--max-work':
        if (req.maxWork !== null) throw new UsageError('--max-work given twice');
        req.maxWork = parseMaxWork(value());
        break;
      case '--workers':
        if (req.workers !== null) throw new UsageError('--workers given twice');
        req.workers = parseWorkers(value());
        break;
      case '--trace':
        req.trace = true;
        break;
      case '--help':
      case '-h':
        req.help = true;
        break;
      default: {
        throw new UsageError(`unknown argument ${quote(arg)}${name.startsWith('-') ? didYouMean(name, OPTIONS) : ''}; see --help`);
      }
    }
  }
  // Each technique once, in the canonical order.
  req.techniques = TECHNIQUES.filter((t) => req.techniques.includes(t));
  if (req.techniques.length === 0) req.techniques = [...TECHNIQUES];
  return req;
}
