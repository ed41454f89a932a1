// @vitest-environment jsdom
// The packet inspector's sizes (src/app/inspector/Inspector.svelte): the
// bytes on the wire beyond the packet's own are split into TCP/IP and TLS
// (issue 10: "(+N TCP/IP)" used to count TLS's records and handshake in it).
// With TLS 1.3 an SSE event's write is one record: a 5-byte header, the
// content type octet and a 16-byte tag (RFC 8446 §5.2), so 22 B of TLS; a
// small write is one segment, 40 B of IPv4 + TCP headers (RFC 791, 9293).
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import { resolveScenario, simulate } from '../../../src/sim';
import Inspector from '../../../src/app/inspector/Inspector.svelte';

const events = (version: 'none' | '1.3') =>
  simulate(resolveScenario({ durationMs: 4000, tls: { version }, server: { updateRateHz: 1 } }), ['sse'], { traceClients: 1 }).results.sse!.trace!.packets.filter((p) => p.kind === 'event');
const wireText = (container: HTMLElement) => container.querySelector('[data-bytes="wire"]')!.textContent;

describe('the inspector splits the wire bytes', () => {
  it('TLS 1.3: +40 TCP/IP, +22 TLS for an event of one segment', () => {
    const ev = events('1.3')[0];
    const { container } = render(Inspector, { packet: ev, onprev: () => {}, onnext: () => {} });
    expect(wireText(container)).toBe(`${ev.header + ev.framing + ev.payload + 22 + 40} B (+40 TCP/IP, +22 TLS)`);
  });

  it('cleartext: TCP/IP only, no TLS part', () => {
    const ev = events('none')[0];
    const { container } = render(Inspector, { packet: ev, onprev: () => {}, onnext: () => {} });
    expect(wireText(container)).toBe(`${ev.header + ev.framing + ev.payload + 40} B (+40 TCP/IP)`);
  });
});
