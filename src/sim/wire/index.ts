// Public entry of the wire formats: sizes (for every message) and renderers
// (for traced clients) of HTTP/1.1 heads, chunked coding, SSE, WebSocket
// frames and handshake keys, JSON batches and payload text.

export type { ByteSplit } from './bytes';
export { zeroSplit, addSplit, totalOf, utf8Length, decimalDigits, hexDigits } from './bytes';
export { renderUpdatePayload, renderUpstreamPayload } from './payload';
export type { RequestKind, ResponseKind, RequestHeadOptions, ResponseHeadOptions, HeadProfile } from './http';
export {
  REQUEST_KINDS,
  RESPONSE_KINDS,
  MIN_REQUEST_HEADER_BYTES,
  MIN_RESPONSE_HEADER_BYTES,
  SAMPLE_WS_KEY,
  SAMPLE_WS_ACCEPT,
  HEAD_PROFILES,
  minRequestHeaderBytes,
  minResponseHeaderBytes,
  requestFloor,
  responseFloor,
  requestHeadBytes,
  responseHeadBytes,
  renderRequestHead,
  renderResponseHead,
} from './http';
export { IMF_FIXDATE_LENGTH, WIRE_EPOCH_MS, imfFixdate } from './http-date';
export type { TextSink, SizedText } from './sink';
export { StringSink, textPiece, written } from './sink';
export { chunkFramingBytes, LAST_CHUNK_BYTES, renderChunk, renderLastChunk, writeChunk } from './chunked';
export {
  sseEventFramingBytes,
  sseEventBytes,
  ssePayloadLines,
  renderSseEvent,
  writeSseEvent,
  sseRetryBytes,
  renderSseRetry,
  SSE_COMMENT,
  SSE_COMMENT_BYTES,
} from './sse';
export type { FrameSpec, DecodedFrame } from './websocket';
export { OPCODE, MAX_CONTROL_PAYLOAD, frameHeaderBytes, frameBytes, encodeFrame, decodeFrame, renderFrame, renderFrameHead, frameHeader, writeFrameText } from './websocket';
export { makeWebSocketKey } from './websocket-key';
export { WEBSOCKET_GUID, websocketAccept } from './handshake';
export { base64Encode } from './base64';
export { batchFramingBytes, renderBatch, writeBatch } from './batch';
