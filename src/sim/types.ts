// What a run produces: the result fields of SPEC §4 per technique, plus the
// trace that the page replays. Field names here are a public contract.

export const TECHNIQUES = ['polling', 'long-polling', 'sse', 'websocket', 'streaming'] as const;
export type TechniqueId = (typeof TECHNIQUES)[number];

export interface ByteTotals {
  header: number;
  framing: number;
  payload: number;
  /** header + framing + payload */
  total: number;
}

/** Milliseconds; all null when there was no sample. */
export interface LatencyStats {
  mean: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  /** Number of samples. */
  count: number;
}

/**
 * Latency distribution: counts[i] samples in [edgesMs[i], edgesMs[i+1]).
 * Edges are 1-2-5 steps (0, 1, 2, 5, 10, 20, 50 ms...) up to past the max.
 */
export interface Histogram {
  edgesMs: number[];
  counts: number[];
}

/** Fixed-width time bins: bin i covers [tMs[i], tMs[i] + binMs). */
export interface Series {
  binMs: number;
  /** The run's length: the last bin may be shorter than binMs. */
  durationMs: number;
  tMs: number[];
  /** Application bytes (header + framing + payload) sent in the bin, by send time. */
  bytesUp: number[];
  bytesDown: number[];
  /** bytesUp / bytesDown split into header, framing and payload, per bin. */
  bytesByClass: Record<'up' | 'down', { header: number[]; framing: number[]; payload: number[] }>;
  /** HTTP requests (and WebSocket handshakes) sent in the bin. */
  requests: number[];
  /** Updates that reached their client in the bin. */
  messagesDelivered: number[];
  /** Connections open at the end of the bin. */
  openConnections: number[];
  /** Connections opened in each bin, all clients (a reconnection storm at the server). */
  connectionsOpened: number[];
  /** The server's CPU busy in each bin (µs of one core; server.cpuPer*Ms). */
  cpuBusyUs: number[];
  /** Updates queued at the server at the end of the bin, all clients: made for a client and not yet sent to it (between polls, while it reconnects). */
  queuedMessages: number[];
}

/**
 * The streaming media case: one large object sent in chunks vs downloaded
 * whole before use. Every time is measured from the start of the fetch (the
 * SYN of its new connection), as a viewer pressing play experiences it.
 */
export interface MediaResult {
  mediaBytes: number;
  chunkBytes: number;
  bitrateKbps: number;
  /** Playback length of the object. */
  playbackMs: number;
  /** Start -> first chunk's last byte received. */
  timeToFirstChunkMs: number;
  /** Start -> playback starts (first chunk received when streaming). */
  startupMs: number;
  /** Start -> last byte received. */
  completeMs: number;
  /** Times playback ran dry and waited for data. */
  stalls: number;
  stallMs: number;
  /** Each stall: when playback ran dry (since the start) and how long it waited. */
  stallIntervals: { atMs: number; durationMs: number }[];
  /** Stalls past the first MAX_STALL_INTERVALS (src/sim/media.ts), counted but not listed. */
  stallIntervalsOmitted: number;
  /** Start -> playback ends, streaming. */
  finishMs: number;
  /** The same object downloaded whole before playback starts. */
  downloadFirst: { startupMs: number; finishMs: number };
}

/** The phone's radio over the run (network.radio other than none): src/sim/radio/. */
export interface EnergyResult {
  radio: 'wifi' | '3g' | 'lte';
  /** How long the radio stays awake after its last packet (ms): its tail, every stage. */
  tailMs: number;
  /** Mean energy of one client's radio per hour (J). */
  joulesPerHour: number;
  /** Wake-ups out of idle, per client per hour. */
  radioWakeupsPerHour: number;
  /** Share of the time the radio is out of idle (promoting or in its tail), 0..1. */
  connectedShare: number;
  /** Share of the energy spent in tails (after the last packet, before idle), 0..1. */
  tailShare: number;
}

export interface TechniqueResult {
  requests: number;
  responses: number;
  emptyResponses: number;
  connectionsOpened: number;
  maxOpenConnections: number;
  messagesGenerated: number;
  messagesDelivered: number;
  messagesPending: number;
  /** messagesPending split: still queued at the server / sent but not yet received. */
  pending: { queued: number; inFlight: number };
  upstream: { generated: number; delivered: number; pending: number };
  bytes: {
    up: ByteTotals;
    down: ByteTotals;
    /** Everything on the wire: application bytes + TCP/IP headers, handshakes, ACKs, retransmissions. */
    wire: { up: number; down: number };
  };
  latencyMs: LatencyStats;
  upstreamLatencyMs: LatencyStats;
  latencyHistogram: Histogram;
  series: Series;
  media?: MediaResult;
  /** At the server (SPEC §7): the most connections open at once, and opened within one second (a reconnection storm). */
  server: {
    peakConnections: number;
    peakConnectionsPerSecond: number;
    /** Requests handled per second: over the run, and in its busiest bin. */
    requestsPerSecond: { mean: number; peak: number };
    /** Cores' worth of CPU busy, mean and in the busiest bin (server.cpuPer*Ms). */
    cpuBusyCores: { mean: number; peak: number };
    /** The same, as a share of server.cores (null with unlimited cores). */
    cpuUtilisation: { mean: number | null; peak: number | null };
    /** Peak open connections x server.memoryPerConnectionBytes, or, if more, the busiest bin's connections and queued updates (server.memoryPerQueuedMessageBytes each). */
    memoryPeakBytes: number;
    /** Updates queued at the server for its clients at the busiest bin end (series.queuedMessages). */
    peakQueuedMessages: number;
    /** Each job's wait for a core (0 with unlimited cores). */
    queueDelayMs: { mean: number; p95: number };
  };
  /** Present when the scenario has a radio (network.radio). */
  energy?: EnergyResult;
  /** Present with client churn (churn.*): who came and went. */
  population?: {
    /** Clients there at the start, and those that arrived during the run. */
    initial: number;
    arrived: number;
    /** Clients that closed their tab before the end. */
    left: number;
    /** Clients there, on average over the run (client-seconds / seconds). */
    meanPresent: number;
  };
  trace?: Trace;
  /** Kernel events processed (diagnostics). */
  events: number;
}

export type PacketKind =
  | 'tcp' // SYN, SYN-ACK, FIN: connection set-up and tear-down
  | 'tls' // a TLS handshake flight (ClientHello, the server's, Finished)
  | 'request' // HTTP request head (GET/POST), body included
  | 'response' // HTTP response head (+ body when complete in one message)
  | 'handshake' // WebSocket upgrade request or 101 response
  | 'event' // SSE event (in its chunk)
  | 'chunk' // chunk of a streamed response
  | 'frame' // WebSocket data frame
  | 'ping'
  | 'pong';

export interface TracePacket {
  id: number;
  client: number;
  conn: number;
  /** The HTTP/2 stream it belongs to (0: the connection's own frames); null on HTTP/1.1 and for TCP and TLS packets. */
  stream: number | null;
  dir: 'up' | 'down';
  kind: PacketKind;
  /** Short label for the animation, e.g. "GET /poll", "200 (3 updates)", "id: 5". */
  label: string;
  sendMs: number;
  /** Last byte received; null when the connection dropped first. */
  arriveMs: number | null;
  header: number;
  framing: number;
  payload: number;
  /** Bytes on the wire incl. TCP/IP headers and retransmissions. */
  wire: number;
  /** Of `wire`, TLS's: record headers and tags, and the handshake messages riding with this write (a handshake flight: all of its records); 0 in cleartext. */
  tls: number;
  /** Update ids (or upstream message ids) this packet carries. */
  messages: number[];
  /** A segment of it was lost and retransmitted. */
  retransmitted: boolean;
  /** The real text (HTTP heads, SSE fields, chunk lines; WebSocket frames rendered). */
  text: string;
}

/** TracePacket's fields in the order they are written (JSON, exports); `text` is last and written when read. */
export const TRACE_PACKET_FIELDS = ['id', 'client', 'conn', 'stream', 'dir', 'kind', 'label', 'sendMs', 'arriveMs', 'header', 'framing', 'payload', 'wire', 'tls', 'messages', 'retransmitted', 'text'] as const satisfies readonly (keyof TracePacket)[];

export interface TraceState {
  client: number;
  machine: 'client' | 'server' | 'connection';
  conn: number | null;
  tMs: number;
  state: string;
}

/** A phone radio's state (network.radio): idle, promoting out of idle, in its tail after a packet (3G: DCH), or 3G's second stage (FACH). */
export type RadioState = 'idle' | 'promotion' | 'tail' | 'fach';

/** A stretch of time a traced client's radio spent in one state. */
export interface RadioSpan {
  state: RadioState;
  fromMs: number;
  toMs: number;
}

export interface Trace {
  /** Clients 0..clients-1 are traced. */
  clients: number;
  packets: TracePacket[];
  states: TraceState[];
  /** Updates generated (ms), shared by all clients. */
  updatesMs: number[];
  /** True when the packet cap was hit and later packets were left out. */
  truncated: boolean;
  /** The traced clients' radio states over the run (network.radio; absent without a radio). */
  radio?: (RadioSpan & { client: number })[];
}

export interface RunOutput {
  scenario: import('./scenario/types').Scenario;
  results: Partial<Record<TechniqueId, TechniqueResult>>;
}
