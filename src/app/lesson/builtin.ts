// The lesson the page teaches, one claim a step (issue 8): polling asks at
// intervals and most answers are empty; long polling holds the request and
// asks far less; SSE pushes events over one response, server to client
// only; WebSocket carries messages both ways after one upgrade; streaming
// sends a large object in chunks so playback starts before the download
// ends; and which one fits depends on the application. Every number in a
// caption comes from the step's own run.

import type { Lesson } from './lesson';
import { LessonError, parseLesson } from './lesson';

export const BUILTIN_LESSON_ID = 'intro';

export const BUILTIN_LESSON: Lesson = parseLesson({
  title: 'Push techniques in six steps',
  steps: [
    {
      title: 'Polling asks at intervals',
      techniques: ['polling'],
      scenario: { durationMs: 12000 },
      speed: 2,
      intro: 'The client asks the server "anything new?" every second, whether or not there is news.',
      pauses: [
        { at: 'first-update', caption: 'The server has just made an update. It cannot send it: it waits at the server until the next poll asks.' },
        { at: 'first-delivery', caption: 'The next poll picked it up: the update arrived {polling.latencyMs.max} ms after it was made (at worst, over the run).' },
        { at: 'end', caption: 'In {scenario.durationMs} ms: {polling.requests} polls, and {polling.emptyResponses} of the {polling.responses} answers were empty, each with a full request and response head.' },
      ],
    },
    {
      title: 'Long polling holds the request',
      technique: 'long-polling',
      techniques: ['polling', 'long-polling'],
      scenario: { durationMs: 30000 },
      speed: 5,
      intro: 'Long polling asks once, and the server holds the request open until there is news.',
      pauses: [
        { at: 'first-delivery', caption: 'The held request is answered the moment the update exists: it arrived {long-polling.latencyMs.mean} ms after it was made, one trip.' },
        { at: 'end', caption: 'Long polling made {long-polling.requests} requests where polling made {polling.requests}: one per update, not one per second. Mean latency {long-polling.latencyMs.mean} ms against {polling.latencyMs.mean} ms.' },
      ],
    },
    {
      title: 'Server-Sent Events push over one response',
      technique: 'sse',
      techniques: ['long-polling', 'sse'],
      scenario: { durationMs: 30000 },
      speed: 2,
      intro: 'One GET, one response that never ends: the server writes each update into it as an event.',
      pauses: [
        { at: 'first-delivery', caption: 'An event: a few bytes of "id:" and "data:" lines, no new request and no headers.' },
        { at: 'end', caption: 'Server-Sent Events: {sse.requests} request for {sse.messagesDelivered} updates, {sse.bytes.down.framing} bytes of framing in all. It is one way: the client cannot answer on it.' },
      ],
    },
    {
      title: 'WebSocket goes both ways',
      technique: 'websocket',
      techniques: ['sse', 'websocket'],
      scenario: { 'client.sendRateHz': 0.5, durationMs: 20000 },
      speed: 2,
      intro: 'A chat: the clients also send messages. WebSocket upgrades its connection once, then frames go both ways.',
      pauses: [
        { at: 'first-upstream', caption: 'A chat message leaves the client: on the WebSocket it is a small masked frame on the open connection; Server-Sent Events must send it as a separate POST.' },
        { at: 'end', caption: 'WebSocket carried {websocket.upstream.delivered} messages up on its one connection; Server-Sent Events needed {sse.requests} requests and opened {sse.connectionsOpened} connections for the same messages.' },
      ],
    },
    {
      title: 'Streaming sends a large object in chunks',
      technique: 'streaming',
      techniques: ['streaming'],
      scenario: { durationMs: 10000 },
      speed: 2,
      view: 'charts',
      chart: 'media',
      intro: 'A video of {scenario.streaming.mediaBytes} bytes sent as chunks of one response: the player can start with the first chunk.',
      pauses: [
        { at: 'end', caption: 'Streamed, playback started after {streaming.media.timeToFirstChunkMs} ms; downloaded whole first, it would start after {streaming.media.downloadFirst.startupMs} ms.' },
      ],
    },
    {
      title: 'Which one? It depends on the application',
      view: 'sweep',
      intro: 'No technique wins everywhere. The sweep runs all five across a range of update rates: where the lines cross, the better choice changes. Rare updates favour pushing over one connection; two-way traffic favours WebSocket; a proxy that buffers or cuts idle connections favours polling.',
      pauses: [],
    },
  ],
});

/** The lesson a link's `lesson=` names: the built-in id, or a lesson as JSON text. Throws LessonError. */
export function lessonFrom(source: string): Lesson {
  if (source === BUILTIN_LESSON_ID) return BUILTIN_LESSON;
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch {
    throw new LessonError(`lesson: not '${BUILTIN_LESSON_ID}' and not a lesson in JSON`);
  }
  return parseLesson(json);
}
