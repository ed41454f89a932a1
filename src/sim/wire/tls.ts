// TLS on the wire (tls.version): the bytes each record adds around the
// application's, and the handshake's flights, full and resumed, for TLS 1.3
// (RFC 8446) and TLS 1.2 (RFC 5246) with the cipher suites browsers choose
// (AES-128-GCM, ECDHE over X25519, an ECDSA P-256 certificate chain of two).
// Every size is the sum of the structures' fields, written out below so that
// a reader can check it against the RFCs; tests/wire/tls.test.ts does.
// TLS bytes are transport overhead (SPEC §2: `wire`), never header, framing
// or payload.

export const TLS_VERSIONS = ['none', '1.2', '1.3'] as const;
export type TlsVersion = (typeof TLS_VERSIONS)[number];

/** TLSPlaintext / TLSCiphertext header: type (1), legacy_version (2), length (2). RFC 8446 §5.1, RFC 5246 §6.2.1. */
export const RECORD_HEADER_BYTES = 5;
/** Largest plaintext in one record: 2^14 bytes. RFC 8446 §5.1, RFC 5246 §6.2.1. */
export const MAX_RECORD_PLAINTEXT = 16384;
/** AES-GCM's authentication tag. RFC 5116 §5.1. */
const GCM_TAG = 16;
/** Handshake message header: msg_type (1), length (3). RFC 8446 §4, RFC 5246 §7.4. */
const HS = 4;

/**
 * Bytes a record adds to its plaintext: the header, then in TLS 1.3 the
 * inner content type (1, RFC 8446 §5.2) and the tag; in TLS 1.2 with
 * AES-GCM the explicit nonce (8, RFC 5288 §3) and the tag.
 */
export const RECORD_OVERHEAD: Record<Exclude<TlsVersion, 'none'>, number> = {
  '1.3': RECORD_HEADER_BYTES + 1 + GCM_TAG,
  '1.2': RECORD_HEADER_BYTES + 8 + GCM_TAG,
};

/** Bytes TLS adds to `bytes` of application data written at once: one record per 16 KiB. */
export function recordOverhead(version: TlsVersion, bytes: number): number {
  if (version === 'none' || bytes <= 0) return 0;
  return Math.ceil(bytes / MAX_RECORD_PLAINTEXT) * RECORD_OVERHEAD[version];
}

/** A close_notify alert (level 1, description 1) in one record, each end's before its FIN. RFC 8446 §6.1, RFC 5246 §7.2.1. */
export function closeNotifyBytes(version: TlsVersion): number {
  return version === 'none' ? 0 : 2 + RECORD_OVERHEAD[version];
}

// ---- Handshake messages (bodies, without the 4-byte handshake header) ----

/**
 * A browser's ClientHello, record included: Chromium pads it to 512 bytes
 * (the padding extension, RFC 7685, works around servers that fail on
 * hellos of 256-511 bytes), + 5 of record header. Its newer post-quantum key
 * share (X25519MLKEM768) makes it about 1.8 KB: not modelled (docs/model.md).
 */
export const CLIENT_HELLO_RECORD = 512 + RECORD_HEADER_BYTES;
/** One DER certificate, about 1.5 KB (shared/REFERENCES.md); a chain sends the leaf and one intermediate. */
export const CERTIFICATE_DER = 1500;
const CHAIN = 2;
/** A session ticket as a server issues it (OpenSSL's are about this size); the client sends it back to resume. */
export const TICKET_BYTES = 192;
/** ALPN extension naming "http/1.1": type 2, length 2, list length 2, name length 1, "http/1.1" 8. RFC 7301 §3.1. */
const ALPN_EXT = 2 + 2 + 2 + 1 + 8;

/** TLS 1.3 ServerHello: legacy_version 2, random 32, session id echo 1+32, cipher 2, compression 1, extensions 2 + supported_versions (4+2) + key_share X25519 (4 + 2+2+32). RFC 8446 §4.1.3. */
const SH13 = 2 + 32 + 1 + 32 + 2 + 1 + 2 + (4 + 2) + (4 + 2 + 2 + 32);
/** pre_shared_key in a resuming ServerHello: type 2, length 2, selected identity 2. RFC 8446 §4.2.11. */
const PSK_EXT = 2 + 2 + 2;
/** EncryptedExtensions with ALPN: extensions length 2 + ALPN. RFC 8446 §4.3.1. */
const EE13 = 2 + ALPN_EXT;
/** Certificate (1.3): context 1, list length 3, per certificate 3 + DER + extensions 2. RFC 8446 §4.4.2. */
const CERT13 = 1 + 3 + CHAIN * (3 + CERTIFICATE_DER + 2);
/** CertificateVerify with ecdsa_secp256r1_sha256: scheme 2, length 2, DER signature about 71. RFC 8446 §4.4.3. */
const CV13 = 2 + 2 + 71;
/** Finished with SHA-256: verify_data 32. RFC 8446 §4.4.4. */
const FIN13 = 32;
/** NewSessionTicket: lifetime 4, age_add 4, nonce 1+8, ticket 2+TICKET_BYTES, extensions 2. RFC 8446 §4.6.1. OpenSSL sends two. */
const NST13 = 4 + 4 + 1 + 8 + 2 + TICKET_BYTES + 2;
/** change_cipher_spec record a 1.3 peer sends for middleboxes (RFC 8446 Appendix D.4): header + 1. */
const CCS_RECORD = RECORD_HEADER_BYTES + 1;

/** TLS 1.2 ServerHello: version 2, random 32, session id 1+32, cipher 2, compression 1, extensions 2 + renegotiation_info 5 + ec_point_formats 6 + ALPN + extended_master_secret 4 + session_ticket 4. RFC 5246 §7.4.1.3. */
const SH12 = 2 + 32 + 1 + 32 + 2 + 1 + 2 + 5 + 6 + ALPN_EXT + 4 + 4;
/** Certificate (1.2): list length 3, per certificate 3 + DER. RFC 5246 §7.4.2. */
const CERT12 = 3 + CHAIN * (3 + CERTIFICATE_DER);
/** ServerKeyExchange, ECDHE X25519 signed with ECDSA: curve type 1, named curve 2, point 1+32, scheme 2, signature 2+71. RFC 8422 §5.4. */
const SKE12 = 1 + 2 + 1 + 32 + 2 + 2 + 71;
/** ClientKeyExchange: point 1+32. RFC 8422 §5.7. */
const CKE12 = 1 + 32;
/** Finished: verify_data 12. RFC 5246 §7.4.9. */
const FIN12 = 12;
/** NewSessionTicket (1.2): lifetime hint 4, ticket 2+TICKET_BYTES. RFC 5077 §3.3. */
const NST12 = 4 + 2 + TICKET_BYTES;

/** One record holding handshake messages (bodies given): plaintext, or encrypted in `version`'s AEAD. */
function record(bodies: number[], encrypted: Exclude<TlsVersion, 'none'> | null): number {
  const plain = bodies.reduce((sum, b) => sum + HS + b, 0);
  return encrypted ? plain + RECORD_OVERHEAD[encrypted] : plain + RECORD_HEADER_BYTES;
}

/**
 * A handshake as its flights, in order, alternating from the client. The
 * client may send application data once it has received the last flight in
 * `flights` from the server; `trailing` it sends with its first data, and
 * `after` the server sends once the handshake is done (tickets).
 */
export interface Handshake {
  /** Bytes of each flight; even indices from the client, odd from the server. */
  flights: number[];
  /** The client's last flight, sent with its first request (0: none). */
  trailing: number;
  /** The server's post-handshake messages (NewSessionTicket), sent when the handshake is done. */
  after: number;
  /** Names of the flights' messages, for the trace. */
  names: string[];
}

/** The handshake of a new connection: full, or resuming a session this client has from an earlier connection. */
export function handshake(version: Exclude<TlsVersion, 'none'>, resumed: boolean): Handshake {
  if (version === '1.3') {
    const server = resumed
      ? record([SH13 + PSK_EXT], null) + CCS_RECORD + record([EE13, FIN13], '1.3')
      : record([SH13], null) + CCS_RECORD + record([EE13, CERT13, CV13, FIN13], '1.3');
    return {
      // 1-RTT: ClientHello, then the server's whole flight; the client's Finished goes with its request.
      flights: [CLIENT_HELLO_RECORD, server],
      trailing: CCS_RECORD + record([FIN13], '1.3'),
      after: 2 * record([NST13], '1.3'),
      names: ['ClientHello', resumed ? 'ServerHello (resumed), Finished' : 'ServerHello, Certificate, Finished', 'Finished'],
    };
  }
  const clientFinish = record([CKE12], null) + CCS_RECORD + record([FIN12], '1.2');
  const serverFinish = record([NST12], null) + CCS_RECORD + record([FIN12], '1.2');
  if (resumed) {
    // Abbreviated handshake with the ticket (RFC 5077 §3.1): 1-RTT, the server finishes first.
    return {
      flights: [CLIENT_HELLO_RECORD, record([SH12], null) + serverFinish],
      trailing: CCS_RECORD + record([FIN12], '1.2'),
      after: 0,
      names: ['ClientHello (ticket)', 'ServerHello, Finished', 'Finished'],
    };
  }
  // Full handshake: 2-RTT before the client may send data (no False Start).
  return {
    flights: [CLIENT_HELLO_RECORD, record([SH12, CERT12, SKE12, 0], null), clientFinish, serverFinish],
    trailing: 0,
    after: 0,
    names: ['ClientHello', 'ServerHello, Certificate, ServerKeyExchange, ServerHelloDone', 'ClientKeyExchange, ChangeCipherSpec, Finished', 'NewSessionTicket, ChangeCipherSpec, Finished'],
  };
}
