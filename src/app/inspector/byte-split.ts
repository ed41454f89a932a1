// The size of a packet split into the SPEC's byte classes, as shares for the
// inspector's bar (header / framing / payload; TLS and TCP/IP shown apart).

import type { TracePacket } from '../../sim/types';

export interface ByteSplit {
  header: number;
  framing: number;
  payload: number;
  total: number;
  /** TLS's bytes on the wire: record headers and tags, handshake messages. */
  tls: number;
  /** TCP/IP headers and retransmitted segments: the rest of the wire beyond the application and TLS bytes. */
  transport: number;
  shares: { header: number; framing: number; payload: number };
}

export function byteSplit(p: Pick<TracePacket, 'header' | 'framing' | 'payload' | 'wire' | 'tls'>): ByteSplit {
  const total = p.header + p.framing + p.payload;
  const share = (n: number) => (total === 0 ? 0 : n / total);
  return {
    header: p.header,
    framing: p.framing,
    payload: p.payload,
    total,
    tls: p.tls,
    transport: Math.max(0, p.wire - total - p.tls),
    shares: { header: share(p.header), framing: share(p.framing), payload: share(p.payload) },
  };
}

/** Text with its line ends made visible (CR as ␍, LF as ␊), for the "show line ends" mode. */
export function showLineEnds(text: string): string {
  return text.replace(/\r/g, '␍').replace(/\n/g, '␊\n');
}

/** Very large bodies (media chunks) are cut for display; the sizes stay exact. */
export function clip(text: string, max = 4000): { text: string; cut: number } {
  return text.length <= max ? { text, cut: 0 } : { text: text.slice(0, max), cut: text.length - max };
}
