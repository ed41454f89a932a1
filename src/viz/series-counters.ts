// Running totals of ALL clients at time t, from the result's binned series
// (the trace holds only the first few clients). Within the current bin the
// count grows linearly, an approximation the page labels as such.

import type { Series } from '../sim/types';
import type { Counters } from './trace-index';

export function countersFromSeries(series: Series, t: number): Counters {
  const out: Counters = { requests: 0, bytes: 0, delivered: 0 };
  const { binMs, tMs } = series;
  for (let i = 0; i < tMs.length; i++) {
    const start = tMs[i];
    if (start >= t) break;
    const f = Math.min(1, (t - start) / binMs);
    out.requests += series.requests[i] * f;
    out.bytes += (series.bytesUp[i] + series.bytesDown[i]) * f;
    out.delivered += series.messagesDelivered[i] * f;
  }
  out.requests = Math.round(out.requests);
  out.bytes = Math.round(out.bytes);
  out.delivered = Math.round(out.delivered);
  return out;
}
