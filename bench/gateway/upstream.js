// A fast fake OpenAI-compatible provider for bench/gateway/run: answers any POST with a fixed chat completion
// (JSON), or, when the body asks for "stream": true, with an event stream of CHUNKS content chunks, a finish
// chunk, a usage chunk (when stream_options.include_usage is true, as Tollgate always asks) and [DONE].
// No artificial delay; every answer is built once at start. Node's http module, no dependencies.
// Usage: PORT=0 CHUNKS=16 node upstream.js   (prints "listening <port>")
'use strict';
const http = require('http');

const chunks = Number(process.env.CHUNKS || 16);
const id = 'chatcmpl-bench';
const created = 1700000000;
const model = 'up-model';
const words = Array.from({ length: chunks }, (_, i) => (i === 0 ? 'Hello' : ' token' + i));

const completion = Buffer.from(JSON.stringify({
  id, object: 'chat.completion', created, model,
  choices: [{ index: 0, message: { role: 'assistant', content: words.join('') }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 12, completion_tokens: chunks, total_tokens: 12 + chunks },
}));
const frame = (payload) => Buffer.from('data: ' + JSON.stringify(payload) + '\n\n');
const base = { id, object: 'chat.completion.chunk', created, model };
const streamFrames = words.map((word, i) => frame({
  ...base, choices: [{ index: 0, delta: i === 0 ? { role: 'assistant', content: word } : { content: word }, finish_reason: null }],
}));
streamFrames.push(frame({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
const usageFrame = frame({ ...base, choices: [], usage: { prompt_tokens: 12, completion_tokens: chunks, total_tokens: 12 + chunks } });
const doneFrame = Buffer.from('data: [DONE]\n\n');

const jsonHeaders = { 'content-type': 'application/json', 'content-length': completion.length };
const sseHeaders = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };
const streamAsked = /"stream"\s*:\s*true/;
const usageAsked = /"include_usage"\s*:\s*true/;

const server = http.createServer((req, res) => {
  const parts = [];
  req.on('data', (part) => parts.push(part));
  req.on('end', () => {
    const body = parts.length === 1 ? parts[0].toString() : Buffer.concat(parts).toString();
    if (!streamAsked.test(body)) {
      res.writeHead(200, jsonHeaders);
      res.end(completion);
      return;
    }
    res.writeHead(200, sseHeaders);
    for (const f of streamFrames) res.write(f); // one write per event, as a provider sends them
    if (usageAsked.test(body)) res.write(usageFrame);
    res.end(doneFrame);
  });
});
// Tollgate keeps pooled connections for 60 s: never close an idle one under it.
server.keepAliveTimeout = 120000;
server.headersTimeout = 121000;
server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => console.log('listening ' + server.address().port));
