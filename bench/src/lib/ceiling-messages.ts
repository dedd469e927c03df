/** What the bench and the ceiling server child (ceiling-server.ts) say to each other over IPC. */
export type CeilingRequest = { id: number; type: 'count' } | { id: number; type: 'fanout'; seq: number; bytes: number };

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
  | ({ id: number; type: 'fanout' } & FanoutOutcome);

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
