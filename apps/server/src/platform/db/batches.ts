/** Slices of at most `size` items, for statements that take a bounded list of values. */
export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * A turn of the event loop between the statements of a bulk write: SQLite runs synchronously on
 * the event loop (and an awaited query only yields to other promises, not to sockets), so a
 * thousands-row write in one go would keep agents' frames and answers unread meanwhile.
 */
export const turn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
