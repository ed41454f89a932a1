// The media case (src/sim/media.ts) on HTTP/2: HPACK heads on a new
// connection (with the openings of ./session.ts), the object in DATA frames,
// an empty DATA frame with END_STREAM to end it.

import type { MediaFraming } from '../run/http2-support';
import { Heads } from '../run/heads';
import type { Scenario } from '../scenario/types';
import { HpackEncoder } from '../wire/hpack';
import { CLIENT_OPENING_BYTES, dataFramingBytes, headersFramingBytes, serverOpeningBytes, serverSettings } from '../wire/http2';
import { CHROMIUM_HPACK, NGHTTP2_HPACK, h2HeaderList } from '../wire/http2-heads';

export function mediaFraming(s: Scenario): MediaFraming {
  const heads = new Heads(s.http);
  const o = { scheme: s.tls.version === 'none' ? ('http' as const) : ('https' as const) };
  const req = new HpackEncoder(CHROMIUM_HPACK).encode(h2HeaderList(heads.requestText('media'), o));
  const res = new HpackEncoder(NGHTTP2_HPACK).encode(h2HeaderList(heads.responseText('chunked', { contentType: 'video/mp4' }), o));
  return {
    request: CLIENT_OPENING_BYTES + headersFramingBytes(req) + req,
    response: serverOpeningBytes(serverSettings(s.http2.maxConcurrentStreams, false)) + headersFramingBytes(res) + res,
    chunk: dataFramingBytes,
    end: dataFramingBytes(0),
  };
}
