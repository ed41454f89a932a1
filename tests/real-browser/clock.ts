// One clock for the relay, the server and the page: milliseconds since the
// Unix epoch with sub-millisecond precision. Node and Chromium on one
// machine read the same wall clock, so a payload's generation time written
// by the server and its arrival read by the page subtract to a latency.
export const now = (): number => performance.timeOrigin + performance.now();
