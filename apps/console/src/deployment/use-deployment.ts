import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditLine, DeploymentDetail, DeploymentLiveEvent, DeploymentSummary, DeploymentTarget } from '@pons/protocol';
import { api, errorMessage, urls } from '../api.js';
import { LiveStream, type LiveState } from '../live/live-stream.js';
import { applyTarget, capLines, mergeAudit } from './deployment-view.js';

/** Lines fetched at once, and kept on the page; older ones are dropped as new ones come. */
export const AUDIT_LIMIT = 5_000;

/**
 * One deployment, its audit (all machines, or one), and the deployment's own event stream.
 * Each time the stream opens (first time and after a drop) both are fetched again, since events
 * sent meanwhile are lost; events arriving during a fetch are replayed on its result.
 */
export function useDeployment(id: string, machine: string | null) {
  const [detail, setDetail] = useState<DeploymentDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [lines, setLines] = useState<AuditLine[] | null>(null);
  const [capped, setCapped] = useState(false);
  const [liveState, setLiveState] = useState<LiveState>('connecting');
  const machineRef = useRef(machine);
  machineRef.current = machine;
  const missedTargets = useRef<DeploymentTarget[] | null>(null);
  const missedLines = useRef<AuditLine[] | null>(null);
  const detailFetch = useRef(0);
  const auditFetch = useRef(0);
  const wanted = (line: AuditLine) => machineRef.current === null || line.machineId === machineRef.current;

  const loadDetail = useCallback(() => {
    const n = ++detailFetch.current;
    missedTargets.current = [];
    api.deployment(id).then(
      (fetched) => {
        if (n !== detailFetch.current) return;
        const missed = missedTargets.current ?? [];
        missedTargets.current = null;
        setDetail({ ...fetched, targets: missed.reduce(applyTarget, fetched.targets) });
        setError(null);
      },
      (failure: unknown) => {
        if (n !== detailFetch.current) return;
        missedTargets.current = null;
        setError(errorMessage(failure));
      },
    );
  }, [id]);

  const loadAudit = useCallback(() => {
    const n = ++auditFetch.current;
    const forMachine = machineRef.current;
    missedLines.current = [];
    api.audit(id, { machine: forMachine, limit: AUDIT_LIMIT }).then(
      (fetched) => {
        if (n !== auditFetch.current) return;
        const missed = (missedLines.current ?? []).filter((l) => forMachine === null || l.machineId === forMachine);
        missedLines.current = null;
        setLines(capLines(mergeAudit(fetched, missed), AUDIT_LIMIT));
        setCapped(fetched.length >= AUDIT_LIMIT);
      },
      (failure: unknown) => {
        if (n !== auditFetch.current) return;
        missedLines.current = null;
        setError(errorMessage(failure));
      },
    );
  }, [id]);

  useEffect(loadDetail, [loadDetail]);
  useEffect(() => {
    setLines(null);
    loadAudit();
  }, [loadAudit, machine]);

  useEffect(() => {
    const stream = new LiveStream<DeploymentLiveEvent>(urls.deploymentEvents(id), ['deployment.target', 'deployment.audit'], () => {
      api.me().catch(() => undefined);
    });
    const offEvent = stream.onEvent((event) => {
      if (event.type === 'deployment.target') {
        missedTargets.current?.push(event.target);
        setDetail((d) => (d ? { ...d, targets: applyTarget(d.targets, event.target) } : d));
        return;
      }
      missedLines.current?.push(...event.lines);
      const shown = event.lines.filter(wanted);
      if (shown.length > 0) setLines((current) => (current ? capLines([...current, ...shown], AUDIT_LIMIT) : current));
    });
    const offState = stream.onState((state) => {
      setLiveState(state);
      if (state !== 'live') return;
      loadDetail();
      loadAudit();
    });
    stream.start();
    return () => {
      offEvent();
      offState();
      stream.stop();
    };
    // `wanted` reads a ref; the stream lives as long as the page shows this deployment.
  }, [id, loadDetail, loadAudit]);

  /** A summary a stop or restart returned; the targets follow through the stream. */
  const applySummary = useCallback((summary: DeploymentSummary) => setDetail((d) => (d ? { ...d, ...summary } : d)), []);

  return { detail, error, lines, capped, liveState, applySummary, reload: loadDetail };
}
