/** What the bench and the ceiling server child (ceiling-server.ts) say to each other over IPC. */
export type CeilingRequest =
  | { id: number; type: 'count' }
  | { id: number; type: 'fanout'; seq: number; bytes: number }
  | { id: number; type: 'stagger'; seconds: number; tickMs: number; bytes: number };

/**
 * Staggered load: every connection gets one message a second, the connections split into
 * 1000/tickMs slices, one slice written every tickMs. Round trips are from each socket's write.
 */
export interface StaggerOutcome {
  expected: number;
  received: number;
  /** Round trip of every reply, from its own socket write, per second of the run. */
  perSecond: number[][];
  /** How late each tick's write loop started after its planned time (event-loop lag). */
  tickLagMs: number[];
}

export interface FanoutOutcome {
  seq: number;
  expected: number;
  received: number;
  /** Time to walk the send loop (ws.send to every socket). */
  loopMs: number;
  /** From the start of the send loop to the last reply; null if some never came. */
  allMs: number | null;
  /** Each reply's arrival minus the start of the send loop (what Pons' sentAt measures). */
  fromStart: number[];
  /** Each reply's arrival minus the moment its own socket was written to. */
  wire: number[];
}

export type CeilingReply =
  | { id: 0; type: 'ready'; port: number }
  | { id: number; type: 'count'; clients: number }
  | ({ id: number; type: 'fanout' } & FanoutOutcome)
  | ({ id: number; type: 'stagger' } & StaggerOutcome);

/** What a ceiling client process (ceiling-client.ts) prints as JSON lines on stdout. */
export interface CeilingClientReport {
  event: 'connected' | 'final';
  agents: number;
  connected: number;
  timeToAllMs: number | null;
  attempts: number;
  connects: number;
  failures: Record<string, number>;
  rssMb: number;
  cpuMs: number;
}
