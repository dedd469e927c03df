import type { AuditLine, DeploymentDetail, DeploymentSummary, DeploymentTarget } from '@pons/protocol';
import { countStates } from '../deployments/target-states.js';

/**
 * A deployment page's state: what was fetched, kept current by the deployment's event stream.
 * Events that arrive while a fetch is under way are replayed on its result, so the rules below
 * make replaying an event the page already shows harmless. Pure, tested.
 */

/** Later attempt first, then later state change: an event older than what is shown changes nothing. */
function isNewer(next: DeploymentTarget, shown: DeploymentTarget): boolean {
  return next.attempt !== shown.attempt ? next.attempt > shown.attempt : next.stateSince >= shown.stateSince;
}

const byHostname = (a: DeploymentTarget, b: DeploymentTarget) =>
  a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : a.machineId < b.machineId ? -1 : 1;

/** Puts a target's new state in place (by machine id); one never seen is added in hostname order. */
export function applyTarget(targets: readonly DeploymentTarget[], target: DeploymentTarget): DeploymentTarget[] {
  const index = targets.findIndex((t) => t.machineId === target.machineId);
  if (index < 0) return [...targets, target].sort(byHostname);
  if (!isNewer(target, targets[index]!)) return [...targets];
  return targets.map((t, i) => (i === index ? target : t));
}

/**
 * The summary with counts and status worked out from the targets shown, when they are all of
 * them (the server sends the first 1,000): active while any is open, else finished (or stopped).
 */
export function liveSummary(detail: DeploymentDetail): DeploymentSummary {
  const { targets, ...summary } = detail;
  if (targets.length !== summary.total) return summary;
  const open = targets.some((t) => !t.final);
  const status = open ? 'active' : summary.status === 'stopped' ? 'stopped' : 'finished';
  return { ...summary, counts: countStates(targets), status };
}

const lineKey = (l: AuditLine) => JSON.stringify([l.machineId, l.attempt, l.at, l.kind, l.step, l.stream, l.text]);

/**
 * Audit lines fetched, then those that came live meanwhile, each once. A live line equal to one
 * fetched (same machine, attempt, time, step, stream and text) is the same line; equal lines are
 * matched one for one, so a command printing the same line twice keeps both.
 */
export function mergeAudit(fetched: readonly AuditLine[], live: readonly AuditLine[]): AuditLine[] {
  if (live.length === 0) return [...fetched];
  const first = Math.min(...live.map((l) => l.at));
  const seen = new Map<string, number>();
  for (const line of fetched) {
    if (line.at < first) continue;
    const key = lineKey(line);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const out = [...fetched];
  for (const line of live) {
    const key = lineKey(line);
    const n = seen.get(key) ?? 0;
    if (n > 0) seen.set(key, n - 1);
    else out.push(line);
  }
  return out;
}

/** Keeps the newest `max` lines. */
export function capLines(lines: readonly AuditLine[], max: number): AuditLine[] {
  return lines.length > max ? lines.slice(lines.length - max) : [...lines];
}
