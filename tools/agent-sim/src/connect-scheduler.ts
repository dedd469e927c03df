export interface SchedulerClock {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemSchedulerClock: SchedulerClock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface Entry<T> {
  at: number;
  seq: number;
  item: T;
}

/**
 * Runs jobs when they are due, never more than `concurrency` at once. Every agent's first
 * connect and every backoff delay go through here, so thousands of waiting agents cost one
 * timer and one heap entry each instead of a timer each.
 */
export class ConnectScheduler<T> {
  private readonly heap: Array<Entry<T>> = [];
  private seq = 0;
  private running = 0;
  private timer: unknown = null;
  private timerAt = Infinity;
  private stopped = false;

  constructor(
    private readonly concurrency: number,
    private readonly run: (item: T) => Promise<void>,
    private readonly clock: SchedulerClock = systemSchedulerClock,
  ) {}

  get inFlight(): number {
    return this.running;
  }

  get waiting(): number {
    return this.heap.length;
  }

  /** Queues `item` to run `delayMs` from now (after those already due). */
  schedule(item: T, delayMs = 0): void {
    if (this.stopped) return;
    this.push({ at: this.clock.now() + Math.max(0, delayMs), seq: this.seq++, item });
    this.pump();
  }

  /** Forgets everything still waiting; running jobs finish on their own. */
  stop(): void {
    this.stopped = true;
    this.heap.length = 0;
    this.disarm();
  }

  private pump(): void {
    const now = this.clock.now();
    while (this.running < this.concurrency && this.heap.length > 0 && this.heap[0]!.at <= now) {
      const { item } = this.pop()!;
      this.running++;
      // A job that throws is its own business; the slot must come back either way.
      this.run(item)
        .catch(() => undefined)
        .finally(() => {
          this.running--;
          this.pump();
        });
    }
    const next = this.heap[0];
    if (this.running < this.concurrency && next) this.arm(next.at, now);
    else this.disarm();
  }

  private arm(at: number, now: number): void {
    if (this.timer !== null && this.timerAt <= at) return;
    this.disarm();
    this.timerAt = at;
    this.timer = this.clock.setTimer(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.pump();
    }, at - now);
  }

  private disarm(): void {
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
  }

  private before(a: Entry<T>, b: Entry<T>): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(entry: Entry<T>): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): Entry<T> | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length === 0 || !last) return top;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && this.before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && this.before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) break;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
    return top;
  }
}
