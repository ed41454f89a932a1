// Command-line arguments of `npm run sim` (SPEC §5), parsed into a request or
// refused with a one-line message. Pure: no process, no file system.

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
}

export const USAGE = `usage: npm run --silent sim -- [--technique ID]... [--set KEY=VALUE]... [--scenario FILE.json] [--trace]
  --technique ID   ${TECHNIQUES.join(', ')} or all (repeatable; default all)
  --set KEY=VALUE  a scenario key, e.g. network.latencyMs=100 (repeatable; wins over --scenario)
  --scenario FILE  a JSON scenario, nested like the keys ({"network": {"latencyMs": 100}})
  --trace          include the packet and state trace of the first 3 clients`;

export function parseArgs(argv: readonly string[]): CliRequest {
  const req: CliRequest = { techniques: [], sets: [], scenarioFile: null, trace: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    // Accept both "--set k=v" and "--set=k=v".
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
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
        else throw new UsageError(`--technique: '${id}' is not a technique; expected one of ${TECHNIQUES.join(', ')}, all`);
        break;
      }
      case '--set': {
        const kv = value();
        const at = kv.indexOf('=');
        if (at <= 0) throw new UsageError(`--set: '${kv}' is not KEY=VALUE (e.g. --set network.latencyMs=100)`);
        req.sets.push([kv.slice(0, at).trim(), kv.slice(at + 1)]);
        break;
      }
      case '--scenario':
        if (req.scenarioFile !== null) throw new UsageError('--scenario given twice');
        req.scenarioFile = value();
        break;
      case '--trace':
        req.trace = true;
        break;
      case '--help':
      case '-h':
        req.help = true;
        break;
      default:
        throw new UsageError(`unknown argument '${arg}'; see --help`);
    }
  }
  // Each technique once, in the canonical order.
  req.techniques = TECHNIQUES.filter((t) => req.techniques.includes(t));
  if (req.techniques.length === 0) req.techniques = [...TECHNIQUES];
  return req;
}
