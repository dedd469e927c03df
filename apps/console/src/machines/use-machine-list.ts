import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveEvent } from '@pons/protocol';
import { api, errorMessage } from '../api.js';
import { useLiveEvents, useLiveReconnect } from '../live/live.js';
import { applyEvent, emptyList, fromServer, type ListFilter, type ListState } from './machine-list.js';

const SETTLE_MS = 1_500;

/**
 * A page of machines, fetched for `filter` and kept current by the live stream. Events that
 * arrive while a fetch is under way are replayed on its result, so none is lost to the race
 * (an event applied twice changes nothing: each carries the machine's whole state).
 */
export function useMachineList(filter: ListFilter) {
  const [state, setState] = useState<ListState>(emptyList);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const latestFetch = useRef(0);
  const buffered = useRef<LiveEvent[] | null>(null);

  const fetchList = useCallback(() => {
    const id = ++latestFetch.current;
    const wanted = filterRef.current;
    buffered.current = [];
    api.machines(wanted).then(
      (list) => {
        if (id !== latestFetch.current) return;
        const missed = buffered.current ?? [];
        buffered.current = null;
        setState(missed.reduce((s, event) => applyEvent(s, event, wanted), fromServer(list)));
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (id !== latestFetch.current) return;
        buffered.current = null;
        setError(errorMessage(failure));
        setLoading(false);
      },
    );
  }, []);

  const { status, q, offset, limit } = filter;
  useEffect(() => {
    setLoading(true);
    fetchList();
  }, [status, q, offset, limit, fetchList]);

  // A reconnection storm brings thousands of events a second: apply them once per frame.
  const pending = useRef<LiveEvent[]>([]);
  const frame = useRef<number | null>(null);
  useEffect(() => () => (frame.current === null ? undefined : cancelAnimationFrame(frame.current)), []);
  useLiveEvents((event) => {
    buffered.current?.push(event);
    pending.current.push(event);
    frame.current ??= requestAnimationFrame(() => {
      frame.current = null;
      const events = pending.current;
      pending.current = [];
      setState((s) => events.reduce((next, e) => applyEvent(next, e, filterRef.current), s));
    });
  });
  useLiveReconnect(fetchList);

  // Events we could not account for exactly: one quiet refetch once the burst is over.
  useEffect(() => {
    if (!state.stale) return;
    const timer = setTimeout(fetchList, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [state.stale, fetchList]);

  return { ...state, loading, error, refetch: fetchList };
}
