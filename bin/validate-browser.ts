// npm run validate:browser: the full real-browser check (issue 10). Each
// technique in real Chromium against node:http and `ws` through a relay of
// fixed delay, beside the simulator given the head sizes the server logged;
// prints the table. The short version runs in npm test
// (tests/e2e/real-browser.e2e.ts). VALIDATE_MS and VALIDATE_DELAY_MS change
// the run's length and the one-way delay.
import { installParts } from '../src/sim/parts';
import { CANNOT_CHECK, runCheck, table } from '../tests/real-browser/check';

installParts();
const durationMs = Number(process.env.VALIDATE_MS ?? 30_500);
const delayMs = Number(process.env.VALIDATE_DELAY_MS ?? 50);
const rows = await runCheck({ durationMs, delayMs, rateHz: 1, payloadBytes: 100, pollIntervalMs: 1000 });
console.log(`real Chromium vs the simulator: ${durationMs} ms, one-way delay ${delayMs} ms, 1 update/s of 100 B, polling every 1 s, cleartext HTTP/1.1\n`);
console.log(table(rows));
console.log(`\n${CANNOT_CHECK}`);
