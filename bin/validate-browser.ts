// npm run validate:browser: the full real-browser check (issue 10). Each
// technique in real Chromium against node:http and `ws` through a relay of
// fixed delay, beside the simulator given the head sizes the server logged;
// prints the table and exits 1 if a technique fails the criteria
// (tests/real-browser/check.ts `failures`). The short version runs in npm test
// (tests/e2e/real-browser.e2e.ts). VALIDATE_MS and VALIDATE_DELAY_MS change
// the run's length and the one-way delay.
import { installParts } from '../src/sim/parts';
import { CANNOT_CHECK, failures, runCheck, table } from '../tests/real-browser/check';

installParts();
const durationMs = Number(process.env.VALIDATE_MS ?? 30_500);
const delayMs = Number(process.env.VALIDATE_DELAY_MS ?? 50);
const rows = await runCheck({ durationMs, delayMs, rateHz: 1, payloadBytes: 100, pollIntervalMs: 1000, sseEventsPerStream: 10 });
console.log(`real Chromium vs the simulator: ${durationMs} ms, one-way delay ${delayMs} ms, 1 update/s of 100 B, polling every 1 s, cleartext HTTP/1.1; the last row's server ends each SSE stream after 10 events\n`);
console.log(table(rows));
console.log(`\n${CANNOT_CHECK}`);
const failed = rows.flatMap((r) => failures(r).map((f) => `${r.technique}: ${f}`));
console.log(failed.length === 0 ? '\nEvery technique meets the criteria: bytes within 1%, counts exact, p50 within 5 ms of the simulated plus the expected extra.' : `\nFAILED:\n${failed.join('\n')}`);
if (failed.length > 0) process.exitCode = 1;
