// One HTTP/2 connection's own state (http.version 2): its streams, an HPACK
// encoder each way (Chromium's up, nghttp2's down, ../wire/http2-heads.ts),
// and the opening each end writes once. `frame` works out a packet's bytes
// at the moment it is written: its head's HPACK block against the table as
// the earlier heads left it, the frame headers, and the openings that ride
// with an end's first write:
//   - the client: the connection preface, its SETTINGS and WINDOW_UPDATE
//     (70 bytes), before its first request;
//   - the server: its SETTINGS and the ACK of the client's, with its first
//     write; the client's ACK of them rides with its next write.
// Flow control is not modelled: Chromium's 6 MiB stream and 15 MiB
// connection windows never fill at these rates; the WINDOW_UPDATEs a long
// stream earns (13 bytes per several MiB) are left out.

import { HpackEncoder, type Representation } from '../wire/hpack';
import {
  CLIENT_OPENING_BYTES,
  FLAG,
  MAX_FRAME_PAYLOAD,
  SETTINGS_ACK_BYTES,
  describeFrame,
  framesFor,
  headersFramingBytes,
  serverOpeningBytes,
  serverSettings,
  type Settings,
} from '../wire/http2';
import { CHROMIUM_HPACK, NGHTTP2_HPACK } from '../wire/http2-heads';
import type { Connection } from '../run/connection';
import type { PacketSpec } from '../run/encode';
import { Http2Encoder } from './encoder';
import { Http2Stream } from './stream';
import type { World } from '../run/world';
import type { Http2SessionPort, Http2StreamPort } from '../run/http2-support';

/** How many octets of a header block the trace shows in hex. */
const HEX_SHOWN = 48;

export class Http2Session implements Http2SessionPort {
  /** Open streams, oldest first. */
  readonly streams: Http2Stream[] = [];
  /** The last `frame`'s head and framing bytes (read at once: no object per packet). */
  header = 0;
  framing = 0;
  private nextId = 1;
  private readonly up = new HpackEncoder(CHROMIUM_HPACK);
  private readonly down = new HpackEncoder(NGHTTP2_HPACK);
  private clientOpened = false;
  private serverOpened = false;
  private ackOwed = false;
  private readonly settings: Settings;
  private readonly enc: Http2Encoder;

  constructor(
    private readonly w: World,
    private readonly connection: Connection,
  ) {
    if (!(w.enc instanceof Http2Encoder)) throw new Error('an HTTP/2 connection needs the HTTP/2 encoder (http.version 2)');
    this.enc = w.enc;
    this.settings = serverSettings(w.s.http2.maxConcurrentStreams, w.s.websocket.overHttp2 === 'extendedConnect');
  }

  /** The server's stream limit is reached: a new exchange waits. */
  get full(): boolean {
    return this.streams.length >= this.w.s.http2.maxConcurrentStreams;
  }

  open(): Http2Stream {
    const st = new Http2Stream(this.connection, this.nextId);
    this.nextId += 2;
    this.streams.push(st);
    return st;
  }

  close(st: Http2StreamPort): void {
    const i = this.streams.indexOf(st as Http2Stream);
    if (i >= 0) this.streams.splice(i, 1);
  }

  closeAll(): Http2Stream[] {
    return this.streams.splice(0);
  }

  /**
   * Frame `p` on `st`, written now (`sentMs`): sets `header` (its HPACK
   * block) and `framing` (frame headers, the technique's own framing, an
   * opening). Returns what the trace shows: `p` itself when not traced.
   */
  frame(dir: 'up' | 'down', p: PacketSpec, st: Http2StreamPort, sentMs: number, traced: boolean): PacketSpec {
    const h2 = p.h2;
    if (!h2) throw new Error(`the packet "${p.label(0, 0, 0)}" has no HTTP/2 framing`);
    let framing = p.framing;
    let opening = '';
    if (dir === 'up') {
      if (!this.clientOpened) {
        this.clientOpened = true;
        framing += CLIENT_OPENING_BYTES;
        opening = `connection preface, SETTINGS, WINDOW_UPDATE (${CLIENT_OPENING_BYTES} B)`;
      } else if (this.ackOwed) {
        this.ackOwed = false;
        framing += SETTINGS_ACK_BYTES;
        opening = `SETTINGS ACK (${SETTINGS_ACK_BYTES} B)`;
      }
    } else if (!this.serverOpened) {
      this.serverOpened = true;
      this.ackOwed = true;
      const n = serverOpeningBytes(this.settings);
      framing += n;
      opening = `SETTINGS, SETTINGS ACK (${n} B)`;
    }
    let header = 0;
    const out: number[] | undefined = traced ? [] : undefined;
    const notes: Representation[] | undefined = traced ? [] : undefined;
    const list = h2.head ? this.enc.headList(h2.head, sentMs) : null;
    if (list) {
      header = (dir === 'up' ? this.up : this.down).encode(list, out, notes);
      framing += headersFramingBytes(header);
    }
    this.header = header;
    this.framing = framing;
    if (!traced) return p;
    const sid = st.streamId;
    const lines: string[] = [];
    if (opening) lines.push(`(first, on stream 0: ${opening})`);
    if (list) {
      const flags = FLAG.END_HEADERS | (h2.end && h2.data < 0 ? FLAG.END_STREAM : 0);
      lines.push(describeFrame(header, 'HEADERS', flags, sid));
      list.forEach(([name, value], i) => lines.push(`  ${name}: ${value}   <- ${notes![i]}`));
      const hex = out!.slice(0, HEX_SHOWN).map((b) => b.toString(16).padStart(2, '0')).join(' ');
      lines.push(`  HPACK ${header} B: ${hex}${out!.length > HEX_SHOWN ? ' ...' : ''}`);
    }
    if (h2.data >= 0) {
      const frames = framesFor(h2.data);
      const end = h2.end && frames === 1 ? FLAG.END_STREAM : 0;
      lines.push(describeFrame(Math.min(h2.data, MAX_FRAME_PAYLOAD), 'DATA', end, sid) + (frames > 1 ? ` (first of ${frames} DATA frames)` : ''));
    }
    const text = lines.join('\n');
    const body = h2.body;
    return {
      ...p,
      header,
      framing,
      label: (f, c, cl) => `${p.label(f, c, cl)} [stream ${sid}]`,
      text: body ? (f, c, cl) => `${text}\n${body(f, c, cl)}` : () => text,
    };
  }
}
