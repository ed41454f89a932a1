// HTTP-date in the preferred IMF-fixdate form (RFC 9110 §5.6.7), e.g.
// "Sun, 06 Nov 1994 08:49:37 GMT", computed with integer arithmetic from a
// Unix time in ms (no Date object: this folder must stay deterministic and
// independent of the host's clock and time zone).
//
// IMF-fixdate is always 29 characters, so the `Date:` field never changes a
// head's size: the date is text for traces only.

/** Length of every IMF-fixdate string. */
export const IMF_FIXDATE_LENGTH = 29;

/**
 * Wall-clock origin of the simulation's virtual time: 2025-01-01T00:00:00Z.
 * Virtual time 0 is rendered as this instant, so traces show a plausible date.
 */
export const WIRE_EPOCH_MS = 1_735_689_600_000;

const DAY_NAMES = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed']; // 1970-01-01 was a Thursday
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/**
 * Proleptic Gregorian (year, month 1-12, day) from days since 1970-01-01.
 * Howard Hinnant's `civil_from_days` (chrono-Compatible Low-Level Date Algorithms).
 */
function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097; // [0, 146096]
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** IMF-fixdate for a Unix time in ms (years 1000-9999; the seconds are truncated). */
export function imfFixdate(unixMs: number): string {
  if (!Number.isFinite(unixMs)) throw new Error(`imfFixdate: time must be finite, got ${unixMs}`);
  const s = Math.floor(unixMs / 1000);
  const days = Math.floor(s / 86400);
  const sod = s - days * 86400;
  const [y, m, d] = civilFromDays(days);
  if (y < 1000 || y > 9999) throw new Error(`imfFixdate: year ${y} has not 4 digits`);
  const wd = DAY_NAMES[((days % 7) + 7) % 7];
  const hh = Math.floor(sod / 3600);
  const mm = Math.floor((sod % 3600) / 60);
  const ss = sod % 60;
  return `${wd}, ${pad2(d)} ${MONTH_NAMES[m - 1]} ${y} ${pad2(hh)}:${pad2(mm)}:${pad2(ss)} GMT`;
}
