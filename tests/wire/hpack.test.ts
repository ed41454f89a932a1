// HPACK (src/sim/wire/hpack.ts) against the worked examples of RFC 7541
// Appendix C: the exact octets of each header block and the dynamic table
// after it. The expected hex is copied from the RFC, not from the module.
import { describe, expect, it } from 'vitest';
import { HpackEncoder, encodeInteger, huffmanBytes, huffmanEncode, integerBytes, type HeaderList } from '../../src/sim/wire/hpack';

const hex = (bytes: number[]) => bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
const strip = (s: string) => s.replace(/\s+/g, '');

function block(e: HpackEncoder, fields: HeaderList): string {
  const out: number[] = [];
  const n = e.encode(fields, out);
  expect(n).toBe(out.length); // the size alone agrees with the octets
  return hex(out);
}

describe('integers (RFC 7541 §5.1, C.1)', () => {
  it('C.1.1: 10 with a 5-bit prefix is one octet', () => {
    const out: number[] = [];
    encodeInteger(10, 5, 0, out);
    expect(out).toEqual([0x0a]);
  });
  it('C.1.2: 1337 with a 5-bit prefix is 1f 9a 0a', () => {
    const out: number[] = [];
    encodeInteger(1337, 5, 0, out);
    expect(out).toEqual([0x1f, 0x9a, 0x0a]);
    expect(integerBytes(1337, 5)).toBe(3);
  });
  it('C.1.3: 42 at an octet boundary (8-bit prefix)', () => {
    const out: number[] = [];
    encodeInteger(42, 8, 0, out);
    expect(out).toEqual([0x2a]);
  });
  it('the prefix maximum itself takes a second octet of 0', () => {
    const out: number[] = [];
    encodeInteger(31, 5, 0, out);
    expect(out).toEqual([0x1f, 0x00]);
  });
});

describe('Huffman code (RFC 7541 Appendix B, strings of C.4 and C.6)', () => {
  const cases: [string, string][] = [
    ['www.example.com', 'f1e3c2e5f23a6ba0ab90f4ff'],
    ['no-cache', 'a8eb10649cbf'],
    ['custom-key', '25a849e95ba97d7f'],
    ['custom-value', '25a849e95bb8e8b4bf'],
    ['302', '6402'],
    ['307', '640eff'],
    ['private', 'aec3771a4b'],
    ['Mon, 21 Oct 2013 20:13:21 GMT', 'd07abe941054d444a8200595040b8166e082a62d1bff'],
    ['https://www.example.com', '9d29ad171863c78f0b97c8e9ae82ae43d3'],
    ['gzip', '9bd9ab'],
    ['foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1', '94e7821dd7f2e6c7b335dfdfcd5b3960d5af27087f3672c1ab270fb5291f9587316065c003ed4ee5b1063d5007'],
  ];
  it.each(cases)('%s', (text, expected) => {
    const out: number[] = [];
    huffmanEncode(text, out);
    expect(hex(out)).toBe(expected);
    expect(huffmanBytes(text)).toBe(expected.length / 2);
  });
});

const REQ1: HeaderList = [[':method', 'GET'], [':scheme', 'http'], [':path', '/'], [':authority', 'www.example.com']];
const REQ2: HeaderList = [...REQ1, ['cache-control', 'no-cache']];
const REQ3: HeaderList = [[':method', 'GET'], [':scheme', 'https'], [':path', '/index.html'], [':authority', 'www.example.com'], ['custom-key', 'custom-value']];
const RES1: HeaderList = [[':status', '302'], ['cache-control', 'private'], ['date', 'Mon, 21 Oct 2013 20:13:21 GMT'], ['location', 'https://www.example.com']];
const RES2: HeaderList = [[':status', '307'], ...RES1.slice(1)];
const RES3: HeaderList = [
  [':status', '200'],
  ['cache-control', 'private'],
  ['date', 'Mon, 21 Oct 2013 20:13:22 GMT'],
  ['location', 'https://www.example.com'],
  ['content-encoding', 'gzip'],
  ['set-cookie', 'foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1'],
];

describe('one field each (C.2)', () => {
  it('C.2.1: a literal with indexing, new name: 40, its name and value; the table holds it, 55 bytes', () => {
    const e = new HpackEncoder({ huffman: 'never' });
    expect(block(e, [['custom-key', 'custom-header']])).toBe(strip('400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572'));
    expect(e.size).toBe(55);
    expect(e.names).toEqual(['custom-key']);
  });

  it('C.2.2: a literal without indexing, indexed name (:path is static entry 4): 04, the value; the table stays empty', () => {
    const e = new HpackEncoder({ huffman: 'never', index: () => false });
    expect(block(e, [[':path', '/sample/path']])).toBe(strip('040c 2f73 616d 706c 652f 7061 7468'));
    expect(e.size).toBe(0);
  });

  // C.2.3 (never indexed, prefix 0001) is not written here: neither end's
  // policy (Chromium's, nghttp2's) marks a field of these heads sensitive,
  // and it would cost the same octets as C.2.2's form (RFC 7541 §6.2.3).

  it('C.2.4: an indexed field (:method GET, static entry 2): the one octet 82', () => {
    const e = new HpackEncoder({ huffman: 'never' });
    expect(block(e, [[':method', 'GET']])).toBe('82');
    expect(e.size).toBe(0);
  });
});

describe('requests on one connection (C.3 without Huffman, C.4 with)', () => {
  it('C.3: the second and third requests reuse the dynamic table', () => {
    const e = new HpackEncoder({ huffman: 'never' });
    expect(block(e, REQ1)).toBe('828684410f7777772e6578616d706c652e636f6d');
    expect(e.size).toBe(57);
    expect(block(e, REQ2)).toBe('828684be58086e6f2d6361636865');
    expect(e.size).toBe(110);
    expect(block(e, REQ3)).toBe(strip('828785bf400a637573746f6d2d6b65790c637573746f6d2d76616c7565'));
    expect(e.size).toBe(164);
    expect(e.names).toEqual(['custom-key', 'cache-control', ':authority']);
  });

  it('C.4: the same with Huffman coding', () => {
    const e = new HpackEncoder({ huffman: 'always' });
    expect(block(e, REQ1)).toBe('828684418cf1e3c2e5f23a6ba0ab90f4ff');
    expect(block(e, REQ2)).toBe('828684be5886a8eb10649cbf');
    expect(block(e, REQ3)).toBe('828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf');
    expect(e.size).toBe(164);
  });
});

describe('responses with a 256-byte table, evicting (C.5 without Huffman, C.6 with)', () => {
  it('C.5', () => {
    const e = new HpackEncoder({ tableSize: 256, huffman: 'never' });
    expect(block(e, RES1)).toBe(
      strip(`4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3120 474d
        546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d`),
    );
    expect(e.size).toBe(222);
    expect(block(e, RES2)).toBe('4803333037c1c0bf');
    expect(e.size).toBe(222);
    expect(block(e, RES3)).toBe(
      strip(`88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970 7738 666f
        6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b
        2076 6572 7369 6f6e 3d31`),
    );
    expect(e.size).toBe(215);
    expect(e.names).toEqual(['set-cookie', 'content-encoding', 'date']);
  });

  it('C.6', () => {
    const e = new HpackEncoder({ tableSize: 256, huffman: 'always' });
    expect(block(e, RES1)).toBe(strip('488264025885aec3771a4b6196d07abe941054d444a8200595040b8166e082a62d1bff6e919d29ad171863c78f0b97c8e9ae82ae43d3'));
    expect(block(e, RES2)).toBe('4883640effc1c0bf');
    expect(block(e, RES3)).toBe(
      strip('88c16196d07abe941054d444a8200595040b8166e084a62d1bffc05a839bd9ab77ad94e7821dd7f2e6c7b335dfdfcd5b3960d5af27087f3672c1ab270fb5291f9587316065c003ed4ee5b1063d5007'),
    );
    expect(e.size).toBe(215);
  });
});

describe('policy', () => {
  it('a field the policy does not index is a literal without indexing (0000 prefix, RFC 7541 §6.2.2) and stays out of the table', () => {
    const e = new HpackEncoder({ huffman: 'never', index: (name) => name !== ':path' });
    expect(block(e, [[':path', '/poll']])).toBe('0405' + hex([...'/poll'].map((c) => c.charCodeAt(0))));
    expect(e.size).toBe(0);
    // Sent again, it costs the same: nothing was learnt.
    expect(block(e, [[':path', '/poll']])).toHaveLength(14);
  });

  it('"shorter" picks Huffman only when it saves bytes', () => {
    const e = new HpackEncoder({ index: () => false });
    // "www.example.com": 12 octets coded against 15 raw.
    expect(e.encode([['x-a', 'www.example.com']])).toBe(1 + 1 + 3 + 1 + 12);
    // "{}" codes to 15+14 bits = 4 octets: raw (2) is shorter.
    expect(e.encode([['x-a', '{}']])).toBe(1 + 1 + 3 + 1 + 2);
  });

  it('an entry larger than the whole table empties it and is not added (RFC 7541 §4.4)', () => {
    const e = new HpackEncoder({ tableSize: 64 });
    e.encode([['a', 'b']]);
    expect(e.size).toBe(34);
    e.encode([['x', 'y'.repeat(40)]]);
    expect(e.size).toBe(0);
    expect(e.names).toEqual([]);
  });
});
