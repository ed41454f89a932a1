// The streaming media case (the seed's "large object in chunks"): one client
// fetches a video of streaming.mediaBytes that plays at
// streaming.mediaBitrateKbps. Streamed, playback starts once the first chunk
// has arrived and stalls whenever the next chunk is late; downloaded first,
// playback starts only when the last byte has arrived. Same network model as
// the feed (link, latency, jitter, loss), on its own random streams.

import { toMs, type Micros } from './kernel/time';
import { pathParams } from './net/params';
import { Paths } from './net/tcp';
import { Heads } from './run/heads';
import { STREAM_KIND, createStream } from './random/streams';
import type { Scenario } from './scenario/types';
import type { MediaResult } from './types';
import { chunkFramingBytes, LAST_CHUNK_BYTES } from './wire';
import { http2, type MediaFraming } from './run/http2-support';

/** Stalls listed one by one (the first ones); the rest are counted in stallIntervalsOmitted. */
export const MAX_STALL_INTERVALS = 1000;

/**
 * The media exchange's bytes around the object: its request and response
 * heads, each chunk's framing and the end. HTTP/1.1: text heads, the chunked
 * coding; HTTP/2: HPACK heads on a new connection (with the openings of
 * src/sim/http2/media.ts), DATA frames, an empty DATA frame to end.
 */
function mediaFraming(s: Scenario): MediaFraming {
  const heads = new Heads(s.http);
  if (s.http.version !== '2') {
    return { request: heads.request('media'), response: heads.response('chunked', 0, 'video/mp4'), chunk: chunkFramingBytes, end: LAST_CHUNK_BYTES };
  }
  return http2().mediaFraming(s);
}

export function mediaCase(s: Scenario): MediaResult {
  const params = pathParams(s);
  const paths = new Paths(params);
  const up = paths.open(paths.link(s.network.uplinkKbps > 0 ? s.network.uplinkKbps : s.network.bandwidthKbps), createStream(s.seed, STREAM_KIND.media, 0));
  const down = paths.open(paths.link(s.network.bandwidthKbps), createStream(s.seed, STREAM_KIND.media, 1));

  const total = s.streaming.mediaBytes;
  const chunk = Math.min(s.streaming.chunkBytes, total);
  const bitrate = s.streaming.mediaBitrateKbps;
  /** Playback time of `bytes` of media, µs. */
  const playUs = (bytes: number) => (bytes * 8000) / bitrate;

  // TCP handshake, then the GET, then the response head and the chunks,
  // which the server writes as fast as the connection takes them.
  const t0: Micros = 0;
  const synAck = paths.send(down, paths.send(up, t0, 0), 0);
  const f = mediaFraming(s);
  const reqAt = paths.send(up, synAck, f.request);
  paths.send(down, reqAt, f.response);

  // Streamed playback, in one pass over the chunks as they arrive (nothing
  // kept per chunk: a 1 GiB object in 1-byte chunks is a billion of them):
  // start with the first chunk, then each chunk must be there when playback
  // reaches it; if not, playback waits (a stall).
  const r = (us: number) => Math.round(toMs(us) * 1000) / 1000;
  let first = 0;
  let clock = 0;
  let stalls = 0;
  let stallUs = 0;
  const stallList: { atMs: number; durationMs: number }[] = [];
  for (let sent = 0; sent < total; sent += chunk) {
    const n = Math.min(chunk, total - sent);
    const at = paths.send(down, reqAt, n + f.chunk(n));
    if (sent === 0) {
      first = at;
      clock = at;
    } else if (at > clock) {
      stalls++;
      stallUs += at - clock;
      if (stallList.length < MAX_STALL_INTERVALS) stallList.push({ atMs: r(clock - t0), durationMs: r(at - clock) });
      clock = at;
    }
    clock += playUs(n);
  }
  const complete = paths.send(down, reqAt, f.end);
  const playbackUs = playUs(total);
  return {
    mediaBytes: total,
    chunkBytes: chunk,
    bitrateKbps: bitrate,
    playbackMs: r(playbackUs),
    timeToFirstChunkMs: r(first - t0),
    startupMs: r(first - t0),
    completeMs: r(complete - t0),
    stalls,
    stallMs: r(stallUs),
    stallIntervals: stallList,
    stallIntervalsOmitted: stalls - stallList.length,
    finishMs: r(clock - t0),
    downloadFirst: { startupMs: r(complete - t0), finishMs: r(complete + playbackUs - t0) },
  };
}
