import type { ServerResponse } from 'node:http';
import type { ServiceEvents } from '../main/service-api';
import type { Unsubscribe } from '../shared/ipc/bridge';
import { type EventName, eventNames, events } from '../shared/ipc/contract';

const heartbeatMs = 15_000;

/**
 * Streams every contract event to one page as server-sent events (`event: <name>`, JSON data).
 * Payloads are parsed with the contract's event schema first, so nothing off-contract reaches the page.
 * Returns a function that ends the stream and unsubscribes.
 */
export function streamServiceEvents(source: ServiceEvents, response: ServerResponse): Unsubscribe {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-content-type-options': 'nosniff',
  });
  response.write('retry: 2000\n: connected\n\n');

  const unsubscribes = eventNames.map((name) => source.on(name, (payload) => send(response, name, payload)));
  const heartbeat = setInterval(() => response.write(': ping\n\n'), heartbeatMs);
  heartbeat.unref();

  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    for (const unsubscribe of unsubscribes) unsubscribe();
    if (!response.writableEnded) response.end();
  };
  response.on('close', end);
  return end;
}

function send(response: ServerResponse, name: EventName, payload: unknown): void {
  const parsed = events[name].safeParse(payload);
  if (!parsed.success) {
    console.error(`[harness] dropped a ${name} event that does not match the contract`);
    return;
  }
  response.write(`event: ${name}\ndata: ${JSON.stringify(parsed.data)}\n\n`);
}
