import { connect, JSONCodec, type NatsConnection, type Subscription } from 'nats';
import { HandlerTable, type Bus, type BusEvents, type Handler, type NodeMessages, type NodeMessageType, type Topic } from './bus.js';
import type { Logger } from './logger.js';

const codec = JSONCodec<unknown>();

/**
 * The bus across server processes: events on `pons.event.<topic>` (every node subscribes),
 * node messages on `pons.node.<nodeId>.<type>`. Core NATS delivers at most once; what must not be
 * lost (commands) is in the database, and the bus only says "look now".
 */
export class NatsBus implements Bus {
  private readonly events: HandlerTable;
  private readonly nodeMessages: HandlerTable;
  private readonly subscriptions: Subscription[] = [];

  private constructor(
    readonly nodeId: string,
    private readonly nc: NatsConnection,
    private readonly log: Logger,
  ) {
    const onError = (error: unknown, name: string) => log.error({ err: error, name }, 'bus handler failed');
    this.events = new HandlerTable(onError);
    this.nodeMessages = new HandlerTable(onError);
    this.listen('pons.event.>', (subject, payload) => this.events.run(subject.slice('pons.event.'.length), payload));
    this.listen(`pons.node.${nodeId}.>`, (subject, payload) =>
      this.nodeMessages.run(subject.slice(`pons.node.${nodeId}.`.length), payload),
    );
  }

  static async connect(url: string, nodeId: string, log: Logger): Promise<NatsBus> {
    const nc = await connect({ servers: url, name: `pons-${nodeId}`, maxReconnectAttempts: -1, reconnectTimeWait: 1000 });
    void (async () => {
      for await (const status of nc.status()) log.info({ nats: status.type, data: JSON.stringify(status.data) }, 'NATS connection status');
    })();
    return new NatsBus(nodeId, nc, log);
  }

  private listen(subject: string, deliver: (subject: string, payload: unknown) => void): void {
    const subscription = this.nc.subscribe(subject);
    this.subscriptions.push(subscription);
    void (async () => {
      for await (const message of subscription) {
        try {
          deliver(message.subject, codec.decode(message.data));
        } catch (error) {
          this.log.error({ err: error, subject: message.subject }, 'undecodable bus message');
        }
      }
    })();
  }

  publish<T extends Topic>(topic: T, payload: BusEvents[T]): void {
    this.nc.publish(`pons.event.${topic}`, codec.encode(payload));
  }

  subscribe<T extends Topic>(topic: T, handler: Handler<T>): () => void {
    return this.events.add(topic, handler);
  }

  sendToNode<T extends NodeMessageType>(nodeId: string, type: T, payload: NodeMessages[T]): void {
    this.nc.publish(`pons.node.${nodeId}.${type}`, codec.encode(payload));
  }

  onNodeMessage<T extends NodeMessageType>(type: T, handler: (payload: NodeMessages[T]) => void): () => void {
    return this.nodeMessages.add(type, handler);
  }

  async close(): Promise<void> {
    await this.nc.drain();
  }
}
