/**
 * The ceiling: a bare `ws` server over TLS with the Pons server's own certificate (ECDSA P-256
 * chain from its data dir), in its own process. It keeps every socket, answers the bench over IPC,
 * fans one small message out to all on request and times the replies. On SIGTERM it closes every
 * socket with 1012 (service restart), as Pons does, and exits.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CeilingReply, CeilingRequest, FanoutOutcome, StaggerOutcome } from './ceiling-messages.js';

interface Conn {
  ws: WebSocket;
  sentSeq: number;
  sentAt: number;
}

/** Replies to staggered messages carry this seq; the connection's sentAt says when it was written. */
const STAGGER_SEQ = -1;
let stagger: { outcome: StaggerOutcome } | null = null;
interface Fan extends FanoutOutcome {
  start: number;
  timer: NodeJS.Timeout;
}

const pki = process.env.CEILING_PKI ?? '';
const port = Number(process.env.CEILING_PORT ?? 0);
const send = (reply: CeilingReply) => process.send!(reply);
const conns = new Set<Conn>();
const fans = new Map<number, Fan>();

const https = createServer({
  cert: readFileSync(path.join(pki, 'server.pem'), 'utf8') + readFileSync(path.join(pki, 'ca.pem'), 'utf8'),
  key: readFileSync(path.join(pki, 'server.key'), 'utf8'),
  minVersion: 'TLSv1.2',
});
const wss = new WebSocketServer({ server: https, perMessageDeflate: false, clientTracking: false, maxPayload: 1 << 20 });

function settle(fan: Fan): void {
  clearTimeout(fan.timer);
  fans.delete(fan.seq);
  const { seq, expected, received, loopMs, allMs, fromStart, wire } = fan;
  send({ id: seq, type: 'fanout', seq, expected, received, loopMs, allMs, fromStart, wire });
}

wss.on('connection', (ws: WebSocket) => {
  const conn: Conn = { ws, sentSeq: -1, sentAt: 0 };
  conns.add(conn);
  ws.on('message', (data: Buffer) => {
    const now = performance.now();
    const { seq } = JSON.parse(data.toString('utf8')) as { seq: number };
    if (seq === STAGGER_SEQ && stagger) {
      stagger.outcome.received++;
      stagger.outcome.perSecond[conn.sentSeq]?.push(now - conn.sentAt);
      return;
    }
    const fan = fans.get(seq);
    if (!fan) return;
    fan.received++;
    fan.fromStart.push(now - fan.start);
    if (conn.sentSeq === seq) fan.wire.push(now - conn.sentAt);
    if (fan.received === fan.expected) {
      fan.allMs = now - fan.start;
      settle(fan);
    }
  });
  ws.on('error', () => undefined);
  ws.on('close', () => conns.delete(conn));
});

function fanout(seq: number, bytes: number): void {
  const head = `{"seq":${seq},"payload":"`;
  const text = `${head}${'x'.repeat(Math.max(0, bytes - head.length - 2))}"}`;
  const start = performance.now();
  const fan: Fan = {
    seq,
    expected: conns.size,
    received: 0,
    loopMs: 0,
    allMs: null,
    fromStart: [],
    wire: [],
    start,
    timer: setTimeout(() => settle(fan), 120_000),
  };
  fans.set(seq, fan);
  for (const conn of conns) {
    conn.sentSeq = seq;
    conn.sentAt = performance.now();
    conn.ws.send(text);
  }
  fan.loopMs = performance.now() - start;
}

/** One message a second to every connection, one slice of them every tickMs (see StaggerOutcome). */
async function staggered(id: number, seconds: number, tickMs: number, bytes: number): Promise<void> {
  const head = `{"seq":${STAGGER_SEQ},"payload":"`;
  const text = `${head}${'x'.repeat(Math.max(0, bytes - head.length - 2))}"}`;
  const all = [...conns];
  const ticks = Math.max(1, Math.round(1000 / tickMs));
  const outcome: StaggerOutcome = { expected: all.length * seconds, received: 0, perSecond: [], tickLagMs: [] };
  stagger = { outcome };
  const started = performance.now();
  for (let second = 0; second < seconds; second++) {
    outcome.perSecond.push([]);
    for (let tick = 0; tick < ticks; tick++) {
      const planned = started + second * 1000 + tick * tickMs;
      const wait = planned - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      outcome.tickLagMs.push(performance.now() - planned);
      const from = Math.floor((tick * all.length) / ticks);
      const to = Math.floor(((tick + 1) * all.length) / ticks);
      for (let i = from; i < to; i++) {
        const conn = all[i]!;
        conn.sentSeq = second; // a staggered reply is counted in the second its message was written
        conn.sentAt = performance.now();
        conn.ws.send(text);
      }
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 1000)); // the last replies
  stagger = null;
  send({ id, type: 'stagger', ...outcome });
}

process.on('message', (request: CeilingRequest) => {
  if (request.type === 'count') send({ id: request.id, type: 'count', clients: conns.size });
  else if (request.type === 'stagger') void staggered(request.id, request.seconds, request.tickMs, request.bytes);
  else fanout(request.seq, request.bytes);
});

process.once('SIGTERM', () => {
  for (const { ws } of conns) ws.close(1012, 'server restart');
  const started = Date.now();
  const wait = setInterval(() => {
    if (conns.size > 0 && Date.now() - started < 2000) return;
    clearInterval(wait);
    for (const { ws } of conns) ws.terminate();
    process.exit(0);
  }, 50);
});
process.on('disconnect', () => process.exit(0));

https.listen(port, '127.0.0.1', () => send({ id: 0, type: 'ready', port: (https.address() as { port: number }).port }));
