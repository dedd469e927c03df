import { chunks } from './batches.js';

interface Waiter<V> {
  resolve(value: V | undefined): void;
  reject(error: unknown): void;
}

/**
 * Lookups by key, gathered over one turn of the event loop and answered by one statement per
 * `max` keys. After a restart thousands of agents say hello within seconds; one query per hello
 * spent more CPU in building and running statements than in everything else the hello needs.
 */
export class KeyBatcher<V> {
  private waiting = new Map<string, Array<Waiter<V>>>();
  private scheduled = false;

  /** `load` answers for the keys it is given; a key absent from its map is "not found". */
  constructor(
    private readonly load: (keys: string[]) => Promise<Map<string, V>>,
    private readonly max = 256,
  ) {}

  get(key: string): Promise<V | undefined> {
    return new Promise<V | undefined>((resolve, reject) => {
      const list = this.waiting.get(key);
      if (list) list.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.run());
      }
    });
  }

  private run(): void {
    this.scheduled = false;
    const batch = this.waiting;
    this.waiting = new Map();
    for (const keys of chunks([...batch.keys()], this.max)) {
      this.load(keys).then(
        (found) => {
          for (const key of keys) for (const waiter of batch.get(key)!) waiter.resolve(found.get(key));
        },
        (error: unknown) => {
          for (const key of keys) for (const waiter of batch.get(key)!) waiter.reject(error);
        },
      );
    }
  }
}

/**
 * The keys padded to the next power of two by repeating the last one, for an `IN (...)` list or
 * the VALUES of an update that a repeated row does not change: a handful of statement shapes
 * instead of one per length, so prepared statements are reused (preparing a 500-row VALUES
 * statement costs as much as running it).
 */
export function paddedKeys<T>(keys: readonly T[]): T[] {
  if (keys.length === 0) return [];
  let size = 1;
  while (size < keys.length) size *= 2;
  const out = [...keys];
  while (out.length < size) out.push(keys[keys.length - 1]!);
  return out;
}
