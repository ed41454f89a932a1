// When the server is down (faults.serverRestartAtMs, serverRestartIntervalMs,
// serverDownMs): from each restart, for `down`. One rule for the engine
// (src/sim/run/world.ts, in µs) and the page's lanes (in ms): every argument
// in the same unit.

/** The server is down at `t`: within `down` after the restart at `at` or one every `every` after it (0 = once). */
export function serverDownAt(at: number, every: number, down: number, t: number): boolean {
  if (at <= 0 || down <= 0 || t < at) return false;
  const since = every > 0 ? (t - at) % every : t - at;
  return since < down;
}
