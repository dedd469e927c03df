import type { AuditLine, DeploymentTarget, MachineSummary } from '@pons/protocol';
import type { SharedFailure } from './brute-force.js';

/** Events every node hears (console live views, waiting API calls). */
export interface BusEvents {
  'machine.changed': { machines: MachineSummary[] };
  'machine.removed': { machineIds: string[] };
  /** Machines that changed entity: viewers who no longer see them drop them. */
  'machine.moved': { moves: Array<{ machineId: string; from: string; to: string }> };
  /** Outcomes of these targets are now in the database. */
  'command.settled': { commandId: string; machineIds: string[] };
  /** A failed login, enrollment or agent authentication: every process counts it toward bans. */
  'auth.failure': SharedFailure & { origin: string };
  /** Targets of a deployment moved, or its audit grew. */
  'deployment.changed': { deploymentId: string; targets: DeploymentTarget[]; lines: AuditLine[] };
}

/** Messages for one node: the one holding the connections concerned. */
export interface NodeMessages {
  /** Send this command to these machines, if their connections are here. */
  'command.deliver': { commandId: string; machineIds: string[] };
}

export type Topic = keyof BusEvents;
export type Handler<T extends Topic> = (payload: BusEvents[T]) => void;
export type NodeMessageType = keyof NodeMessages;

/**
 * How modules talk across nodes. In one process it is a plain in-memory bus; with several server
 * processes it is NATS (`PONS_NATS_URL`), with the same interface.
 */
export interface Bus {
  readonly nodeId: string;
  publish<T extends Topic>(topic: T, payload: BusEvents[T]): void;
  subscribe<T extends Topic>(topic: T, handler: Handler<T>): () => void;
  sendToNode<T extends NodeMessageType>(nodeId: string, type: T, payload: NodeMessages[T]): void;
  onNodeMessage<T extends NodeMessageType>(type: T, handler: (payload: NodeMessages[T]) => void): () => void;
  close(): Promise<void>;
}

/** Handlers by name; a throwing handler never stops the others. */
export class HandlerTable {
  private readonly handlers = new Map<string, Set<(payload: never) => void>>();

  constructor(private readonly onError: (error: unknown, name: string) => void) {}

  add(name: string, handler: (payload: never) => void): () => void {
    let set = this.handlers.get(name);
    if (!set) this.handlers.set(name, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  run(name: string, payload: unknown): void {
    for (const handler of this.handlers.get(name) ?? []) {
      try {
        (handler as (p: unknown) => void)(payload);
      } catch (error) {
        this.onError(error, name);
      }
    }
  }
}

/** Single-process bus: events are delivered synchronously; there is no other node to talk to. */
export class LocalBus implements Bus {
  private readonly events: HandlerTable;
  private readonly nodeMessages: HandlerTable;

  constructor(
    readonly nodeId: string,
    onHandlerError: (error: unknown, topic: string) => void,
  ) {
    this.events = new HandlerTable(onHandlerError);
    this.nodeMessages = new HandlerTable(onHandlerError);
  }

  publish<T extends Topic>(topic: T, payload: BusEvents[T]): void {
    this.events.run(topic, payload);
  }

  subscribe<T extends Topic>(topic: T, handler: Handler<T>): () => void {
    return this.events.add(topic, handler);
  }

  sendToNode<T extends NodeMessageType>(nodeId: string, type: T, payload: NodeMessages[T]): void {
    if (nodeId === this.nodeId) queueMicrotask(() => this.nodeMessages.run(type, payload));
  }

  onNodeMessage<T extends NodeMessageType>(type: T, handler: (payload: NodeMessages[T]) => void): () => void {
    return this.nodeMessages.add(type, handler);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
