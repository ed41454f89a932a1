// Edit distance between two names, for "did you mean ...?" hints on typos in
// scenario keys (command line, URL).

/** Levenshtein distance (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** Names longer than this get no hint: no key or parameter is that long, and the distance costs length². */
const MAX_HINT_NAME = 64;

/**
 * The one typo hint of the command line and the URL: the name in `names`
 * closest to `name`, if near enough to be a typo of it (at most a quarter
 * of its letters off, at least 2 allowed; names far apart in length are no
 * typo of each other), else null. Case is ignored.
 */
export function closestName(name: string, names: readonly string[]): string | null {
  if (name.length > MAX_HINT_NAME) return null;
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of names) {
    const d = Math.abs(name.length - k.length) > 8 ? Infinity : editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return bestD <= Math.max(2, Math.floor(name.length / 4)) ? best : null;
}

/** The hint as every message words it: "; did you mean X?" (X as `show` writes it), or '' when no name is near. */
export function didYouMean(name: string, names: readonly string[], show: (near: string) => string = (near) => near): string {
  const near = closestName(name, names);
  return near === null ? '' : `; did you mean ${show(near)}?`;
}
