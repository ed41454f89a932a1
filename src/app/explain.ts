// One paragraph per technique beside its lane: how it works and what it
// costs, in the words the animation and counters show. The run's own
// figures are in the scoreboard (src/app/scoreboard/score.ts).

import type { TechniqueId } from '../sim';

export const HOW: Record<TechniqueId, string> = {
  polling:
    'The client asks at fixed intervals ("anything new?") whether or not there is news. Every poll costs a full request and response head, most answers are empty when updates are rare, and an update waits on average half an interval before the next poll picks it up.',
  'long-polling':
    'The client asks and the server holds the request open until an update arrives (or a timeout passes), then answers; the client asks again at once. Updates arrive about one trip after they happen, but each one still costs a request and a response head.',
  sse: 'Server-Sent Events: one GET, one response that never ends. The server pushes each update as a small "data:" event over that response; the client sends nothing more and reconnects with Last-Event-ID if the connection drops. Server to client only: the client\'s own messages need separate POSTs.',
  websocket:
    'An HTTP Upgrade handshake turns the connection into a two-way channel of frames. After that, an update costs a 2-byte frame header, and the client can send its own messages on the same connection (masked frames) without new requests.',
  streaming:
    'One GET, one response kept open with chunked transfer coding: each update is a chunk (a hex size line, the data, CRLF). It is how large objects such as video are sent in pieces the client can use before the end, and it works for feeds too, if no proxy buffers the response.',
};
