// The page of the real-browser check: plain browser APIs, as a small app
// would use them (fetch then setInterval, a fetch loop, EventSource,
// WebSocket, a fetch body read as a stream). It asks the server to start
// its feed, starts its technique `u` ms after the feed's start (the
// simulated client's start offset) and records when it sent each request
// and when each update arrived, on the clock the server stamps updates with
// (./clock.ts: the same expression in the page).
export const pageHtml = `<!doctype html>
<meta charset="utf-8"><title>real-browser check</title>
<script>
const q = new URLSearchParams(location.search);
const technique = q.get('t'), api = q.get('api'), u = Number(q.get('u')), interval = Number(q.get('T')), size = Number(q.get('p'));
const now = () => performance.timeOrigin + performance.now();
const check = (window.__check = { epoch: null, requests: [], got: [], errors: [] });
function record(text, at) {
  const m = JSON.parse(text);
  check.got.push({ id: m.id, gen: check.epoch + m.t, at });
}
const techniques = {
  polling() {
    const poll = () => {
      check.requests.push(now());
      fetch(api + '/poll').then((r) => r.json()).then((list) => {
        const at = now();
        for (const m of list) record(JSON.stringify(m), at);
      }, (e) => check.errors.push(String(e)));
    };
    poll();
    setInterval(poll, interval);
  },
  'long-polling'() {
    const next = () => {
      check.requests.push(now());
      fetch(api + '/lp').then((r) => r.json()).then((list) => {
        const at = now();
        for (const m of list) record(JSON.stringify(m), at);
        next();
      }, (e) => check.errors.push(String(e)));
    };
    next();
  },
  sse() {
    check.requests.push(now());
    new EventSource(api + '/events').onmessage = (e) => record(e.data, now());
  },
  websocket() {
    check.requests.push(now());
    new WebSocket(api.replace('http', 'ws') + '/ws').onmessage = (e) => record(e.data, now());
  },
  async streaming() {
    check.requests.push(now());
    const reader = (await fetch(api + '/stream')).body.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const at = now();
      text += value;
      // Every payload is exactly size bytes of ASCII: cut the stream there.
      while (text.length >= size) {
        record(text.slice(0, size), at);
        text = text.slice(size);
      }
    }
  },
};
fetch('/start').then((r) => r.json()).then(({ epoch }) => {
  check.epoch = epoch;
  setTimeout(() => techniques[technique](), Math.max(0, epoch + u - now()));
});
</script>`;
