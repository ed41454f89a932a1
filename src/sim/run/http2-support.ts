// What the engine asks of HTTP/2 (src/sim/http2/). Its code is a sixth of
// the engine and the page's first visit runs HTTP/1.1, so it is a part
// loaded on demand (./parts.ts).

import type { Scenario } from '../scenario/types';
import type { Connection } from './connection';
import type { Encoder } from './encode';
import type { World } from './world';
import { part } from './parts';

/** What an HTTP/2 run needs of src/sim/http2/. */
export interface Http2Support {
  encoder(s: Scenario, updateTime: (i: number) => number): Encoder;
  session(w: World, c: Connection): Http2SessionPort;
  /** The media case's bytes around the object (src/sim/media.ts). */
  mediaFraming(s: Scenario): MediaFraming;
}

export interface MediaFraming {
  request: number;
  response: number;
  chunk: (n: number) => number;
  end: number;
}

/** What the connection asks of its HTTP/2 session (src/sim/http2/session.ts). */
export interface Http2SessionPort {
  readonly streams: readonly Http2StreamPort[];
  readonly full: boolean;
  header: number;
  framing: number;
  open(): Http2StreamPort;
  close(st: Http2StreamPort): void;
  /** Every stream closes (the connection is gone): they are returned, oldest first. */
  closeAll(): Http2StreamPort[];
  frame(dir: 'up' | 'down', p: import('./encode').PacketSpec, st: Http2StreamPort, sentMs: number, traced: boolean): import('./encode').PacketSpec;
}

export type Http2StreamPort = import('./channel').Channel & { readonly streamId: number };

/** The installed support (./parts.ts). */
export const http2 = (): Http2Support => part('http2');
