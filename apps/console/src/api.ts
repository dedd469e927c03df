import type {
  AuditLine,
  ChangePasswordRequest,
  CommandTargetResult,
  CreateDeploymentRequest,
  CreatedEnrollmentToken,
  CreateEnrollmentTokenRequest,
  CreatePackageRequest,
  CurrentUser,
  DeploymentDetail,
  DeploymentList,
  DeploymentSummary,
  EnrollmentToken,
  Entity,
  ErrorBody,
  GroupSummary,
  MachineDetail,
  MachineInventory,
  MachineList,
  MachineCommand,
  MachineStatus,
  PackageDetail,
  PackageFile,
  PackageList,
  PackageVersion,
  RunCommandRequest,
  UpdatePackageRequest,
} from '@pons/protocol';

/** A failed request: the server's stable code and its sentence for a person. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** A `PONS_E_*` code from the server, or `NETWORK` when it could not be reached. */
    readonly code: string,
    message: string,
    /** What the server added for programs, e.g. `problems` when a package cannot be submitted. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

let csrfToken = '';
let onSessionLost: (error: ApiError) => void = () => undefined;

/** The session's CSRF token, sent with every unsafe request (login and /auth/me hand it out). */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when the server says the session is gone or a password change is due. */
export function onSessionProblem(handler: (error: ApiError) => void): void {
  onSessionLost = handler;
}

const SESSION_CODES = new Set(['PONS_E_UNAUTHENTICATED', 'PONS_E_PASSWORD_CHANGE_REQUIRED']);

function toError(status: number, statusText: string, text: string): ApiError {
  try {
    const body = JSON.parse(text) as Partial<ErrorBody>;
    if (body.error) return new ApiError(status, body.error.code, body.error.message, body.error.details);
  } catch {
    // not JSON (a proxy's error page, for instance): fall through
  }
  return new ApiError(status, `HTTP_${status}`, `The server answered ${status} ${statusText}.`);
}

const networkError = () => new ApiError(0, 'NETWORK', 'The server cannot be reached. Check the connection and try again.');

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? null : JSON.stringify(body) });
  } catch {
    throw networkError();
  }
  if (!response.ok) {
    const error = toError(response.status, response.statusText, await response.text().catch(() => ''));
    if (SESSION_CODES.has(error.code)) onSessionLost(error);
    throw error;
  }
  if (response.status === 204) return undefined as T; // No Content: DELETE and a few POSTs
  return (await response.json()) as T;
}

/**
 * Sends a file's raw bytes (streamed from disk by the browser, never read into memory here) with
 * the CSRF token. Through XMLHttpRequest, because fetch cannot report upload progress.
 */
export function upload<T>(path: string, file: Blob, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', path);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(toError(xhr.status, xhr.statusText, ''));
        }
        return;
      }
      const error = toError(xhr.status, xhr.statusText, xhr.responseText);
      if (SESSION_CODES.has(error.code)) onSessionLost(error);
      reject(error);
    });
    xhr.addEventListener('error', () => reject(networkError()));
    xhr.send(file);
  });
}

export interface MachineQuery {
  status?: MachineStatus | null;
  q?: string;
  entity?: string | null;
  limit?: number;
  offset?: number;
}

function queryString(query: MachineQuery): string {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  if (query.q) params.set('q', query.q);
  if (query.entity) params.set('entity', query.entity);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.offset) params.set('offset', String(query.offset));
  const text = params.toString();
  return text ? `?${text}` : '';
}

const ref = (machine: string) => encodeURIComponent(machine);
/** A package file name keeps its folders: each segment is encoded, not the slashes. */
const filePath = (name: string) => name.split('/').map(encodeURIComponent).join('/');

/** Links the browser follows itself (downloads), and the deployment's event stream. */
export const urls = {
  packageFile: (pkg: string, revision: number, name: string) => `/api/v1/packages/${ref(pkg)}/versions/${revision}/files/${filePath(name)}`,
  packageExport: (pkg: string, revision: number) => `/api/v1/packages/${ref(pkg)}/versions/${revision}/export`,
  deploymentEvents: (id: string) => `/api/v1/deployments/${ref(id)}/events`,
};

function auditQuery(query: { machine?: string | null; limit?: number }): string {
  const params = new URLSearchParams();
  if (query.machine) params.set('machine', query.machine);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const api = {
  logout: () => request<{ ok: true }>('POST', '/api/v1/auth/logout'),
  me: () => request<{ user: CurrentUser; csrfToken: string }>('GET', '/api/v1/auth/me'),
  changePassword: (body: ChangePasswordRequest) => request<{ user: CurrentUser }>('POST', '/api/v1/auth/password', body),
  machines: (query: MachineQuery) => request<MachineList>('GET', `/api/v1/machines${queryString(query)}`),
  machine: (machine: string) => request<MachineDetail>('GET', `/api/v1/machines/${ref(machine)}`),
  inventory: (machine: string) => request<MachineInventory>('GET', `/api/v1/machines/${ref(machine)}/inventory`),
  refreshInventory: (machine: string) => request<{ machineId: string }>('POST', `/api/v1/machines/${ref(machine)}/inventory/refresh`),
  /** Runs one command on the machine and waits for its outcome (the server's default wait: 30 s). */
  runCommand: (machine: string, body: RunCommandRequest) =>
    request<CommandTargetResult>('POST', `/api/v1/machines/${ref(machine)}/commands`, body),
  machineCommands: (machine: string, limit = 50) =>
    request<{ items: MachineCommand[] }>('GET', `/api/v1/machines/${ref(machine)}/commands?limit=${limit}`),
  groups: () => request<{ items: GroupSummary[] }>('GET', '/api/v1/groups'),
  entities: () => request<{ items: Entity[] }>('GET', '/api/v1/entities'),
  tokens: () => request<{ items: EnrollmentToken[] }>('GET', '/api/v1/enrollment-tokens'),
  createToken: (body: CreateEnrollmentTokenRequest) => request<CreatedEnrollmentToken>('POST', '/api/v1/enrollment-tokens', body),
  revokeToken: (id: string) => request<EnrollmentToken>('DELETE', `/api/v1/enrollment-tokens/${encodeURIComponent(id)}`),
  packages: (q = '') => request<PackageList>('GET', `/api/v1/packages?limit=1000${q ? `&q=${encodeURIComponent(q)}` : ''}`),
  package: (pkg: string) => request<PackageDetail>('GET', `/api/v1/packages/${ref(pkg)}`),
  createPackage: (body: CreatePackageRequest) => request<PackageDetail>('POST', '/api/v1/packages', body),
  updatePackage: (pkg: string, body: UpdatePackageRequest) => request<PackageDetail>('PATCH', `/api/v1/packages/${ref(pkg)}`, body),
  uploadFile: (pkg: string, name: string, file: Blob, onProgress: (fraction: number) => void = () => undefined) =>
    upload<PackageFile>(`/api/v1/packages/${ref(pkg)}/files/${filePath(name)}`, file, onProgress),
  removeFile: (pkg: string, name: string) => request<PackageDetail>('DELETE', `/api/v1/packages/${ref(pkg)}/files/${filePath(name)}`),
  submitPackage: (pkg: string) => request<PackageVersion>('POST', `/api/v1/packages/${ref(pkg)}/submit`),
  discardPending: (pkg: string) => request<PackageDetail>('DELETE', `/api/v1/packages/${ref(pkg)}/pending`),
  deployments: () => request<DeploymentList>('GET', '/api/v1/deployments?limit=200'),
  deployment: (id: string) => request<DeploymentDetail>('GET', `/api/v1/deployments/${ref(id)}`),
  audit: (id: string, query: { machine?: string | null; limit?: number } = {}) =>
    request<AuditLine[]>('GET', `/api/v1/deployments/${ref(id)}/audit${auditQuery(query)}`),
  createDeployment: (body: CreateDeploymentRequest) => request<DeploymentSummary>('POST', '/api/v1/deployments', body),
  stopDeployment: (id: string, machines?: string[]) =>
    request<DeploymentSummary>('POST', `/api/v1/deployments/${ref(id)}/stop`, machines ? { machines } : {}),
  restartDeployment: (id: string, machines?: string[]) =>
    request<DeploymentSummary>('POST', `/api/v1/deployments/${ref(id)}/restart`, machines ? { machines } : {}),
};
