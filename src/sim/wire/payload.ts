// Payload text of exactly N bytes, for the traced clients' packet views.
//
// The simulation only needs payload SIZES (scenario `server.payloadBytes`,
// `client.payloadBytes`); the text exists so a user inspecting a trace sees
// something that looks like a real application message. The result is always
// valid JSON and pure ASCII, so its UTF-8 length equals its string length.
// When `bytes` is too small for the object skeleton the text degrades
// step by step (drop a field, then a bare JSON string, then "0") but is
// always exactly `bytes` bytes.

/** Deterministic filler for the string field; lowercase ASCII, no JSON escaping needed. */
function filler(n: number): string {
  return 'x'.repeat(n);
}

/** A JSON string literal of exactly `bytes` (>= 2) bytes. */
function quotedFiller(bytes: number): string {
  return '"' + filler(bytes - 2) + '"';
}

function checkBytes(fn: string, bytes: number): void {
  if (!Number.isInteger(bytes) || bytes < 0) throw new Error(`${fn}: bytes must be a non-negative integer, got ${bytes}`);
}

function checkCounter(fn: string, name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0) throw new Error(`${fn}: ${name} must be a non-negative integer, got ${v}`);
}

/**
 * Fill the one string field of each candidate skeleton, most complete first:
 * each candidate is `prefix + filler + suffix`. Falls back to a JSON string,
 * then to the single digit 0.
 */
function fit(bytes: number, candidates: ReadonlyArray<readonly [string, string]>): string {
  if (bytes === 0) return '';
  for (const [prefix, suffix] of candidates) {
    const room = bytes - prefix.length - suffix.length;
    if (room >= 0) return prefix + filler(room) + suffix;
  }
  return bytes >= 2 ? quotedFiller(bytes) : '0';
}

/**
 * An update as the server would publish it: `{"id":17,"t":1234.5,"data":"xxx"}`,
 * exactly `bytes` bytes. `t` is the generation time in ms, rounded to 1 µs.
 */
export function renderUpdatePayload(id: number, generatedAtMs: number, bytes: number): string {
  checkBytes('renderUpdatePayload', bytes);
  checkCounter('renderUpdatePayload', 'id', id);
  if (!Number.isFinite(generatedAtMs)) throw new Error(`renderUpdatePayload: generatedAtMs must be finite, got ${generatedAtMs}`);
  // Number -> JSON via String(): same text as JSON.stringify for finite numbers.
  const t = String(Math.round(generatedAtMs * 1000) / 1000);
  return fit(bytes, [
    [`{"id":${id},"t":${t},"data":"`, '"}'],
    [`{"id":${id},"data":"`, '"}'],
  ]);
}

/** An upstream message: `{"from":3,"seq":5,"msg":"xxx"}`, exactly `bytes` bytes. */
export function renderUpstreamPayload(clientId: number, seq: number, bytes: number): string {
  checkBytes('renderUpstreamPayload', bytes);
  checkCounter('renderUpstreamPayload', 'clientId', clientId);
  checkCounter('renderUpstreamPayload', 'seq', seq);
  return fit(bytes, [
    [`{"from":${clientId},"seq":${seq},"msg":"`, '"}'],
    [`{"seq":${seq},"msg":"`, '"}'],
  ]);
}
