import { HandlerTable, type Bus, type BusEvents, type Handler, type NodeMessages, type NodeMessageType, type Topic } from './bus.js';

/** What a worker and the primary process say to each other about the bus. */
export type IpcBusMessage =
  | { pons: 'bus'; kind: 'hello'; nodeId: string }
  | { pons: 'bus'; kind: 'event'; topic: string; payload: unknown }
  | { pons: 'bus'; kind: 'node'; nodeId: string; type: string; payload: unknown };

export function isIpcBusMessage(value: unknown): value is IpcBusMessage {
  return typeof value === 'object' && value !== null && (value as { pons?: unknown }).pons === 'bus';
}

/**
 * The bus between the worker processes of one `pons server --workers N`: messages go through the
 * primary process over Node's IPC channel, which relays events to every worker and node messages
 * to the worker they are for. Same interface and semantics as the NATS bus, without a broker.
 */
export class IpcBus implements Bus {
  private readonly events: HandlerTable;
  private readonly nodeMessages: HandlerTable;
  private readonly onMessage = (message: unknown) => {
    if (!isIpcBusMessage(message)) return;
    if (message.kind === 'event') this.events.run(message.topic, message.payload);
    else if (message.kind === 'node' && message.nodeId === this.nodeId) this.nodeMessages.run(message.type, message.payload);
  };

  constructor(
    readonly nodeId: string,
    onHandlerError: (error: unknown, name: string) => void,
  ) {
    if (!process.send) throw new Error('the IPC bus runs only in a worker process');
    this.events = new HandlerTable(onHandlerError);
    this.nodeMessages = new HandlerTable(onHandlerError);
    process.on('message', this.onMessage);
    this.send({ pons: 'bus', kind: 'hello', nodeId });
  }

  private send(message: IpcBusMessage): void {
    process.send?.(message);
  }

  publish<T extends Topic>(topic: T, payload: BusEvents[T]): void {
    this.send({ pons: 'bus', kind: 'event', topic, payload });
  }

  subscribe<T extends Topic>(topic: T, handler: Handler<T>): () => void {
    return this.events.add(topic, handler);
  }

  sendToNode<T extends NodeMessageType>(nodeId: string, type: T, payload: NodeMessages[T]): void {
    this.send({ pons: 'bus', kind: 'node', nodeId, type, payload });
  }

  onNodeMessage<T extends NodeMessageType>(type: T, handler: (payload: NodeMessages[T]) => void): () => void {
    return this.nodeMessages.add(type, handler);
  }

  close(): Promise<void> {
    process.off('message', this.onMessage);
    return Promise.resolve();
  }
}
