export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'stopped';

type Listener<T> = (value: T) => void;

const MAX_RETRY_MS = 30_000;

/**
 * A server-sent event stream: the console's one `/api/v1/events`, or a page's own (a deployment's
 * `/events`). `types` are the event names to listen for; each event's data is one JSON value.
 * EventSource retries by itself after a network drop; when the server refuses the stream outright
 * (an HTTP error), it gives up, so we start a fresh one with a growing delay and let `onRefused`
 * check the session meanwhile.
 * Each time the stream opens again, `reconnected` listeners refetch what they show, since
 * events sent while we were away are lost.
 */
export class LiveStream<E extends { type: string }> {
  private source: EventSource | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryMs = 2_000;
  private everOpened = false;
  private current: LiveState = 'stopped';
  private readonly eventListeners = new Set<Listener<E>>();
  private readonly reconnectListeners = new Set<Listener<void>>();
  private readonly stateListeners = new Set<Listener<LiveState>>();

  constructor(
    private readonly url: string,
    private readonly types: readonly E['type'][],
    private readonly onRefused: () => void = () => undefined,
  ) {}

  get state(): LiveState {
    return this.current;
  }

  start(): void {
    if (this.source || this.retryTimer) return;
    this.connect();
  }

  stop(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.source?.close();
    this.source = null;
    this.everOpened = false;
    this.setState('stopped');
  }

  onEvent(listener: Listener<E>): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onReconnect(listener: Listener<void>): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  onState(listener: Listener<LiveState>): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private connect(): void {
    this.retryTimer = null;
    this.setState(this.everOpened ? 'reconnecting' : 'connecting');
    const source = new EventSource(this.url, { withCredentials: true });
    this.source = source;
    source.addEventListener('open', () => {
      this.retryMs = 2_000;
      this.setState('live');
      if (this.everOpened) for (const listener of this.reconnectListeners) listener();
      this.everOpened = true;
    });
    source.addEventListener('error', () => {
      if (source.readyState !== EventSource.CLOSED) {
        this.setState('reconnecting');
        return;
      }
      source.close();
      this.source = null;
      this.setState('reconnecting');
      this.onRefused();
      this.retryTimer = setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    });
    for (const type of this.types) source.addEventListener(type, (message) => this.dispatch(message));
  }

  private dispatch(message: MessageEvent<unknown>): void {
    let event: E;
    try {
      event = JSON.parse(String(message.data)) as E;
    } catch {
      return;
    }
    for (const listener of this.eventListeners) listener(event);
  }

  private setState(state: LiveState): void {
    if (state === this.current) return;
    this.current = state;
    for (const listener of this.stateListeners) listener(state);
  }
}
