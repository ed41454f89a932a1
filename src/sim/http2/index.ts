// HTTP/2 for the engine (http.version 2), in one home: its encoder
// (./encoder.ts), a connection's session (./session.ts), its streams
// (./stream.ts), the media case's framing (./media.ts); the byte formats are
// in src/sim/wire (hpack.ts, http2.ts, http2-heads.ts). Loaded on demand:
// installHttp2Support() fills the engine's slot (src/sim/run/parts.ts).

import { installPart } from '../run/parts';
import { Http2Encoder } from './encoder';
import { mediaFraming } from './media';
import { Http2Session } from './session';

export function installHttp2Support(): void {
  installPart('http2', {
    encoder: (s, updateTime) => new Http2Encoder(s, updateTime),
    session: (w, c) => new Http2Session(w, c),
    mediaFraming,
  });
}
