#!/usr/bin/env node
// Inspects and replays the dead letters of Tollgate's consumers (docs/runbooks/dead-letters.md).
//   node scripts/dlq.mjs list                          every consumer queue, its dead-letter queue and their depths
//   node scripts/dlq.mjs show <queue> [--limit N]      the first N (10) dead letters of <queue>, left in place
//   node scripts/dlq.mjs replay <queue> [--limit N]    moves up to N (all present at the start) dead letters back
//                                                      onto <queue> itself, one at a time, confirmed before removed
// <queue> is a consumer queue (tollgate.audit.recorder) or its dead-letter queue (tollgate.audit.recorder.dlq).
// The queues are read from src/main/resources/application.properties (queue.name, dead-letter-queue-name), so
// a new consumer needs nothing here. The broker is the application's: TOLLGATE_RABBITMQ_HOST (127.0.0.1), _PORT
// (5672), _USERNAME and _PASSWORD (guest), _VHOST (/). Exit status: 0 done, 1 broker failure, 2 usage error.
//
// Replay publishes to the consumer's queue through the default exchange, not back to tollgate.events: the topic
// exchange would hand the message again to every other consumer bound to its routing key, and a message that was
// poison for one would then be dead-lettered by all. The message keeps its body, properties and headers (x-death
// included, so its history and original routing key stay visible). A crash between publish and removal leaves a
// copy in both queues; the consumers' inboxes make the second delivery a no-op (ADR 0004).
import amqp from 'amqplib';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROPERTIES = join(dirname(fileURLToPath(import.meta.url)), '..', 'src/main/resources/application.properties');
const USAGE = 'usage: dlq list | show <queue> [--limit N] | replay <queue> [--limit N]';

class UsageError extends Error {}

/** The consumers declared in application.properties: [{ channel, queue, dlq }]. */
export function consumers(properties = readFileSync(PROPERTIES, 'utf8')) {
  const byChannel = new Map();
  for (const line of properties.split('\n')) {
    const match = /^mp\.messaging\.incoming\.([\w-]+)\.(queue\.name|dead-letter-queue-name)=(.+)$/.exec(line.trim());
    if (match) {
      const entry = byChannel.get(match[1]) ?? { channel: match[1] };
      entry[match[2] === 'queue.name' ? 'queue' : 'dlq'] = match[3].trim();
      byChannel.set(match[1], entry);
    }
  }
  return [...byChannel.values()].filter((c) => c.queue && c.dlq);
}

function consumerOf(name) {
  const found = consumers().find((c) => c.queue === name || c.dlq === name);
  if (!found) {
    throw new UsageError(`${name ?? '(none)'} is no consumer queue; known: ${consumers().map((c) => c.queue).join(', ')}`);
  }
  return found;
}

function limitOf(args, fallback) {
  const at = args.indexOf('--limit');
  if (at < 0) return fallback;
  const limit = Number(args[at + 1]);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit takes a whole number of at least 1');
  return limit;
}

function brokerUrl(env = process.env) {
  const user = encodeURIComponent(env.TOLLGATE_RABBITMQ_USERNAME ?? 'guest');
  const password = encodeURIComponent(env.TOLLGATE_RABBITMQ_PASSWORD ?? 'guest');
  const vhost = encodeURIComponent(env.TOLLGATE_RABBITMQ_VHOST ?? '/');
  return `amqp://${user}:${password}@${env.TOLLGATE_RABBITMQ_HOST ?? '127.0.0.1'}:${env.TOLLGATE_RABBITMQ_PORT ?? 5672}/${vhost}`;
}

/** Messages ready on a queue, or null when the queue is not declared (its consumer never ran on this broker). */
async function depth(connection, queue) {
  const channel = await connection.createChannel();
  channel.on('error', () => {});
  try {
    return (await channel.checkQueue(queue)).messageCount;
  } catch {
    return null;
  } finally {
    await channel.close().catch(() => {});
  }
}

/** Where the message was published before it died, and why it died, from the x-death header. */
function death(message, queue) {
  const deaths = message.properties.headers?.['x-death'] ?? [];
  const entry = deaths.find((d) => d.queue === queue) ?? deaths[0];
  if (!entry) return { reason: 'unknown', count: 0, exchange: '?', routingKey: '?', time: '?' };
  const seconds = entry.time?.value ?? entry.time;
  return {
    reason: entry.reason,
    count: Number(entry.count ?? 1),
    exchange: entry.exchange || '(default)',
    routingKey: (entry['routing-keys'] ?? [])[0] ?? '?',
    time: typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : String(seconds),
  };
}

function describe(message, queue, index) {
  const d = death(message, queue);
  const body = message.content.toString('utf8');
  let id = message.properties.messageId ?? '';
  try {
    id = JSON.parse(body).id ?? id;
  } catch {
    id ||= '(not JSON)';
  }
  return [
    `#${index} event ${id || '?'}: ${d.reason} ×${d.count} at ${d.time}, published to ${d.exchange} as ${d.routingKey}`,
    `   ${body.length > 500 ? `${body.slice(0, 500)}… (${body.length} characters)` : body}`,
  ].join('\n');
}

async function list(connection) {
  for (const c of consumers()) {
    const [ready, dead] = [await depth(connection, c.queue), await depth(connection, c.dlq)];
    const show = (n) => (n === null ? 'not declared' : String(n));
    console.log(`${c.queue}\t${show(ready)} ready\t${c.dlq}\t${show(dead)} dead`);
  }
}

async function show(connection, consumer, limit) {
  const channel = await connection.createChannel();
  const taken = [];
  try {
    for (let i = 1; i <= limit; i++) {
      const message = await channel.get(consumer.dlq, { noAck: false });
      if (!message) break;
      taken.push(message);
      console.log(describe(message, consumer.queue, i));
    }
    if (taken.length === 0) console.log(`${consumer.dlq} is empty`);
  } finally {
    // Nothing is removed: every message read goes back where it was.
    channel.nackAll(true);
    await channel.close();
  }
}

async function replay(connection, consumer, requested) {
  const channel = await connection.createConfirmChannel();
  // Only what is there now: a replayed message that dies again must not be replayed twice in one run.
  const { messageCount } = await channel.checkQueue(consumer.dlq);
  const limit = Math.min(requested ?? messageCount, messageCount);
  let moved = 0;
  try {
    for (; moved < limit; moved++) {
      const message = await channel.get(consumer.dlq, { noAck: false });
      if (!message) break;
      const { properties } = message;
      channel.publish('', consumer.queue, message.content, {
        ...properties,
        headers: properties.headers ?? {},
        persistent: true,
      });
      await channel.waitForConfirms();
      channel.ack(message);
      console.log(describe(message, consumer.queue, moved + 1).split('\n')[0].replace(/^#\d+/, 'replayed'));
    }
  } finally {
    await channel.close();
  }
  console.log(`${moved} message(s) moved from ${consumer.dlq} to ${consumer.queue}`);
}

async function main(args) {
  const [command, queue, ...rest] = args;
  if (!['list', 'show', 'replay'].includes(command)) throw new UsageError(USAGE);
  const consumer = command === 'list' ? null : consumerOf(queue);
  const limit = command === 'list' ? null : limitOf(rest, command === 'show' ? 10 : null);
  const connection = await amqp.connect(brokerUrl(), { clientProperties: { connection_name: 'tollgate-dlq' } });
  try {
    if (command === 'list') await list(connection);
    if (command === 'show') await show(connection, consumer, limit);
    if (command === 'replay') await replay(connection, consumer, limit);
  } finally {
    await connection.close();
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`dlq: ${error.message}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
