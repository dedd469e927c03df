import type { MachineSummary } from '@pons/protocol';

/** Events that cross module boundaries. In scale-out mode the same interface is backed by NATS. */
export interface BusEvents {
  'machine.changed': { machines: MachineSummary[] };
  'machine.removed': { machineIds: string[] };
  /** Outcomes of these targets are now in the database. */
  'command.settled': { commandId: string; machineIds: string[] };
}

export type Topic = keyof BusEvents;
export type Handler<T extends Topic> = (payload: BusEvents[T]) => void;

export interface Bus {
  publish<T extends Topic>(topic: T, payload: BusEvents[T]): void;
  subscribe<T extends Topic>(topic: T, handler: Handler<T>): () => void;
}

/** Single-process bus: handlers run synchronously; a throwing handler never stops the others. */
export class LocalBus implements Bus {
  private readonly handlers = new Map<Topic, Set<Handler<Topic>>>();

  constructor(private readonly onHandlerError: (error: unknown, topic: Topic) => void) {}

  publish<T extends Topic>(topic: T, payload: BusEvents[T]): void {
    for (const handler of this.handlers.get(topic) ?? []) {
      try {
        (handler as Handler<T>)(payload);
      } catch (error) {
        this.onHandlerError(error, topic);
      }
    }
  }

  subscribe<T extends Topic>(topic: T, handler: Handler<T>): () => void {
    let set = this.handlers.get(topic);
    if (!set) this.handlers.set(topic, (set = new Set()));
    set.add(handler as Handler<Topic>);
    return () => set.delete(handler as Handler<Topic>);
  }
}
