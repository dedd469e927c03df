import type { ApiClient } from '@pons/test-kit';

export interface OnlineSample {
  /** ms since the watch started */
  t: number;
  /** machines the database shows online (the truth users see) */
  online: number;
  /** sockets the gateway holds after authentication */
  connected: number;
}

/** The largest rise of `key` over any window of at least one second, per second. */
export function peakRate(samples: OnlineSample[], key: 'online' | 'connected'): number {
  let best = 0;
  let j = 0;
  for (let i = 0; i < samples.length; i++) {
    const now = samples[i]!;
    while (j + 1 < i && now.t - samples[j + 1]!.t >= 1000) j++;
    const then = samples[j]!;
    if (now.t - then.t < 1000) continue;
    best = Math.max(best, ((now[key] - then[key]) * 1000) / (now.t - then.t));
  }
  return Math.round(best);
}

/**
 * Polls the server until `until` holds (or `timeoutMs` after `startedAt`), keeping every sample: the machine list's online count
 * (database truth) and /healthz's agentsConnected (gateway sockets).
 */
export async function watchOnline(
  api: ApiClient,
  until: (sample: OnlineSample) => boolean,
  options: { intervalMs: number; timeoutMs: number; startedAt?: number; onSample?: (s: OnlineSample) => void },
): Promise<{ samples: OnlineSample[]; done: boolean }> {
  const started = options.startedAt ?? performance.now();
  const samples: OnlineSample[] = [];
  for (;;) {
    let list, health;
    try {
      [list, health] = await Promise.all([
        api.machines('?status=online&limit=1'),
        api.call<{ agentsConnected: number }>('GET', '/healthz'),
      ]);
    } catch (error) {
      // A server that just restarted may reset a kept-alive socket once: ask again.
      if (performance.now() - started > options.timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
      continue;
    }
    const sample = { t: Math.round(performance.now() - started), online: list.counts.online, connected: health.agentsConnected };
    samples.push(sample);
    options.onSample?.(sample);
    if (until(sample)) return { samples, done: true };
    if (sample.t > options.timeoutMs) return { samples, done: false };
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
}
