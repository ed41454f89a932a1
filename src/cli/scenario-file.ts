// Reads the --scenario file: only a regular file (not a device such as
// /dev/zero, which never ends, nor a named pipe, which blocks until someone
// writes), of at most MAX_SCENARIO_BYTES, as UTF-8 text. Anything else is a
// UsageError that names the file (cut and escaped) and what is allowed; the
// file's content is never echoed.

import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { quote } from '../sim/scenario/excerpt';
import { UsageError } from './args';

/** Largest scenario file: a scenario is a few hundred bytes; 1 MiB leaves room for comments-as-keys and lists. */
export const MAX_SCENARIO_BYTES = 1 << 20;

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

export function readScenarioFile(path: string): string {
  const name = quote(path, 80);
  const why = (e: unknown) => (e as NodeJS.ErrnoException).code ?? 'unreadable';
  let st: Stats;
  try {
    // stat before open: opening a named pipe would block until a writer comes.
    st = statSync(path);
  } catch (e) {
    throw new UsageError(`--scenario: cannot read ${name}: ${why(e)}`);
  }
  if (!st.isFile()) throw new UsageError(`--scenario: ${name} is ${kindOf(st)}; expected a regular JSON file`);
  let fd: number;
  try {
    // O_NONBLOCK: if the path was swapped for a pipe since the stat, open still returns.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new UsageError(`--scenario: cannot read ${name}: ${why(e)}`);
  }
  try {
    if (!fstatSync(fd).isFile()) throw new UsageError(`--scenario: ${name} is not a regular file; expected a regular JSON file`);
    // Read at most one byte past the limit: sizes from stat can lie (/proc files say 0).
    const buf = Buffer.alloc(MAX_SCENARIO_BYTES + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n > MAX_SCENARIO_BYTES) throw new UsageError(`--scenario: ${name} is larger than ${MAX_SCENARIO_BYTES.toLocaleString('en-US')} bytes, the most a scenario file may be`);
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, n));
    } catch {
      throw new UsageError(`--scenario: ${name} is not UTF-8 text`);
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--scenario: cannot read ${name}: ${why(e)}`);
  } finally {
    closeSync(fd);
  }
}
