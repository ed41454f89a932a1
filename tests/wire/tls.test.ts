// TLS byte layouts (src/sim/wire/tls.ts) against the RFCs' structures and
// the sizes a packet capture shows (Wireshark's record "Length" fields for
// an AES-128-GCM / X25519 handshake). Each expectation is written from the
// standard, not from the module.
import { describe, expect, it } from 'vitest';
import { closeNotifyBytes, handshake, recordOverhead, CLIENT_HELLO_RECORD } from '../../src/sim/wire/tls';

describe('records', () => {
  it('TLS 1.3: 5-byte header, 1 inner content type byte, 16-byte AEAD tag per record (RFC 8446 §5.2)', () => {
    expect(recordOverhead('1.3', 1)).toBe(22);
    expect(recordOverhead('1.3', 16384)).toBe(22);
    // 2^14 bytes of plaintext at most per record (RFC 8446 §5.1): one byte more needs a second record.
    expect(recordOverhead('1.3', 16385)).toBe(44);
  });

  it('TLS 1.2 AES-GCM: header 5, explicit nonce 8 (RFC 5288 §3), tag 16', () => {
    expect(recordOverhead('1.2', 100)).toBe(29);
    expect(recordOverhead('1.2', 3 * 16384)).toBe(3 * 29);
  });

  it('cleartext adds nothing', () => {
    expect(recordOverhead('none', 5000)).toBe(0);
    expect(closeNotifyBytes('none')).toBe(0);
  });

  it('close_notify: a 2-byte alert in one record', () => {
    expect(closeNotifyBytes('1.3')).toBe(5 + 2 + 1 + 16);
    expect(closeNotifyBytes('1.2')).toBe(5 + 8 + 2 + 16);
  });
});

describe('handshakes', () => {
  it('TLS 1.3 full: one round trip (ClientHello, then the server flight) before the request', () => {
    const h = handshake('1.3', false);
    expect(h.flights).toHaveLength(2);
    expect(h.flights[0]).toBe(517); // Chromium's padded ClientHello: 512 + 5 (RFC 7685)
    expect(h.flights[0]).toBe(CLIENT_HELLO_RECORD);
    // The client's ChangeCipherSpec (6 B, RFC 8446 D.4) and Finished: a capture shows "Application Data, Length: 53"
    // (4 handshake header + 32 verify_data + 1 content type + 16 tag), so a 58-byte record.
    expect(h.trailing).toBe(6 + 58);
  });

  it('TLS 1.3 server flight: ServerHello record of 127 B, CCS, one encrypted record with the certificate chain', () => {
    const h = handshake('1.3', false);
    // ServerHello: capture "Length: 122" for the handshake message (118 body + 4) in a 127-byte record.
    const serverHello = 127;
    const ccs = 6;
    // EncryptedExtensions (ALPN http/1.1) 4+2+15, Certificate 4+1+3+2*(3+1500+2), CertificateVerify 4+75, Finished 4+32, + 22.
    const encrypted = 4 + 2 + 15 + (4 + 1 + 3 + 2 * 1505) + (4 + 75) + (4 + 32) + 22;
    expect(h.flights[1]).toBe(serverHello + ccs + encrypted);
    // Two NewSessionTickets (OpenSSL's default), 4+4+4+9+194+2 each, in records of their own.
    expect(h.after).toBe(2 * (4 + 4 + 4 + 9 + 2 + 192 + 2 + 22));
  });

  it('TLS 1.3 resumed: still one round trip, and no certificate (RFC 8446 §2.2)', () => {
    const full = handshake('1.3', false);
    const resumed = handshake('1.3', true);
    expect(resumed.flights).toHaveLength(2);
    // The server's flight loses Certificate and CertificateVerify, gains pre_shared_key (6 B).
    expect(full.flights[1] - resumed.flights[1]).toBe(4 + 1 + 3 + 2 * 1505 + (4 + 75) - 6);
  });

  it('TLS 1.2 full: two round trips before the first request (RFC 5246 §7.3), Finished "Length: 40" in a capture', () => {
    const h = handshake('1.2', false);
    expect(h.flights).toHaveLength(4);
    expect(h.trailing).toBe(0);
    // ClientKeyExchange (4+33 in a record of 5), CCS 6, Finished: 8 nonce + 16 plaintext + 16 tag = 40, record 45.
    expect(h.flights[2]).toBe(5 + 37 + 6 + 45);
    // NewSessionTicket (4 + 4 + 2 + 192, RFC 5077 §3.3) in a record, CCS, Finished.
    expect(h.flights[3]).toBe(5 + 202 + 6 + 45);
  });

  it('TLS 1.2 resumed with a ticket: one round trip, the server finishes first (RFC 5077 §3.1)', () => {
    const h = handshake('1.2', true);
    expect(h.flights).toHaveLength(2);
    expect(h.trailing).toBe(6 + 45);
    expect(h.flights[1]).toBeLessThan(handshake('1.2', false).flights[1]);
  });
});
