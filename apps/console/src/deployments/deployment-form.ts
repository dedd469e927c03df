import { parseWindows, type CreateDeploymentRequest } from '@pons/protocol';

/**
 * The new-deployment form as typed, and the request it makes: numbers and dates stay text until
 * sent, so that a half-typed value is never lost, and every mistake is said before the server
 * has to. Pure, tested.
 */
export type TargetKind = 'machines' | 'group' | 'entity' | 'all';

export interface DeploymentForm {
  packageId: string;
  /** null: the latest submitted version. */
  revision: number | null;
  title: string;
  targetKind: TargetKind;
  machines: readonly string[];
  entity: string;
  /** A group's id. */
  group: string;
  /** Keep it applied: machines that join the group or entity later get it too (not with a list of machines). */
  converge: boolean;
  /** `datetime-local` values (local time); empty means now, and a day after the start. */
  startAt: string;
  endAt: string;
  windows: string;
  wakeOnLan: boolean;
  maxConcurrent: string;
  /** KiB/s per machine; empty means no limit. */
  bandwidthKiB: string;
  retries: string;
}

export const emptyForm: DeploymentForm = {
  packageId: '',
  revision: null,
  title: '',
  targetKind: 'machines',
  machines: [],
  entity: '',
  group: '',
  converge: false,
  startAt: '',
  endAt: '',
  windows: '',
  wakeOnLan: false,
  maxConcurrent: '',
  bandwidthKiB: '',
  retries: '0',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** A time as a `datetime-local` value, `2026-11-23T07:54`. */
export function localInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function whole(text: string, min: number, max: number): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

export type FormResult = { request: CreateDeploymentRequest; errors?: undefined } | { errors: string[]; request?: undefined };

export function deploymentRequest(form: DeploymentForm, now: number): FormResult {
  const errors: string[] = [];
  const request: CreateDeploymentRequest = { package: form.packageId, targets: { all: true } };
  if (!form.packageId) errors.push('Choose the package to deploy.');
  if (form.revision !== null) request.revision = form.revision;
  if (form.title.trim()) request.title = form.title.trim();

  if (form.targetKind === 'machines') {
    if (form.machines.length === 0) errors.push('Choose at least one machine.');
    else request.targets = { machines: [...form.machines] };
  } else if (form.targetKind === 'group') {
    if (!form.group) errors.push('Choose the group whose machines get the package.');
    else request.targets = { group: form.group };
  } else if (form.targetKind === 'entity') {
    if (!form.entity) errors.push('Choose the entity whose machines get the package.');
    else request.targets = { entity: form.entity };
  }
  if (form.converge) {
    if (form.targetKind === 'machines') errors.push('Keep applied needs a group, an entity or every machine: not a list of machines.');
    else request.converge = true;
  }

  const start = form.startAt ? new Date(form.startAt).getTime() : null;
  const end = form.endAt ? new Date(form.endAt).getTime() : null;
  if (start !== null && Number.isNaN(start)) errors.push('The start is not a date and time.');
  else if (start !== null) request.startAt = start;
  if (end !== null && Number.isNaN(end)) errors.push('The end is not a date and time.');
  else if (end !== null) {
    request.endAt = end;
    if (start !== null && end <= start) errors.push('The deployment must end after it starts.');
    else if (end <= now) errors.push('The end is already past; give a later end.');
  }

  if (form.windows.trim()) {
    const parsed = parseWindows(form.windows);
    if (typeof parsed === 'string') errors.push(`Hours: ${parsed}`);
    else request.windows = form.windows.trim();
  }
  if (form.wakeOnLan) request.wakeOnLan = true;

  if (form.maxConcurrent.trim()) {
    const n = whole(form.maxConcurrent, 1, 100_000);
    if (n === null) errors.push('Machines at once: a whole number from 1 to 100,000, or empty for no limit.');
    else request.maxConcurrent = n;
  }
  if (form.bandwidthKiB.trim()) {
    const n = whole(form.bandwidthKiB, 1, 10_000_000);
    if (n === null) errors.push('Download limit: a whole number of KiB/s (1 or more), or empty for no limit.');
    else request.maxBytesPerSecond = n * 1024;
  }
  const retries = whole(form.retries || '0', 0, 10);
  if (retries === null) errors.push('Retries: a whole number from 0 to 10.');
  else if (retries > 0) request.retries = retries;

  return errors.length > 0 ? { errors } : { request };
}
