import type {
  ChangePasswordRequest,
  CreatedEnrollmentToken,
  CreateEnrollmentTokenRequest,
  CurrentUser,
  EnrollmentToken,
  Entity,
  ErrorBody,
  LoginResponse,
  MachineDetail,
  MachineInventory,
  MachineList,
  MachineStatus,
} from '@pons/protocol';

/** A failed request: the server's stable code and its sentence for a person. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** A `PONS_E_*` code from the server, or `NETWORK` when it could not be reached. */
    readonly code: string,
    message: string,
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

async function toError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as Partial<ErrorBody>;
    if (body.error) return new ApiError(response.status, body.error.code, body.error.message);
  } catch {
    // not JSON (a proxy's error page, for instance): fall through
  }
  return new ApiError(response.status, `HTTP_${response.status}`, `The server answered ${response.status} ${response.statusText}.`);
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? null : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server cannot be reached. Check the connection and try again.');
  }
  if (!response.ok) {
    const error = await toError(response);
    if (SESSION_CODES.has(error.code)) onSessionLost(error);
    throw error;
  }
  return (await response.json()) as T;
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

export const api = {
  login: (username: string, password: string) =>
    request<LoginResponse>('POST', '/api/v1/auth/login', { username, password, client: 'browser' }),
  logout: () => request<{ ok: true }>('POST', '/api/v1/auth/logout'),
  me: () => request<{ user: CurrentUser; csrfToken: string }>('GET', '/api/v1/auth/me'),
  changePassword: (body: ChangePasswordRequest) => request<{ user: CurrentUser }>('POST', '/api/v1/auth/password', body),
  machines: (query: MachineQuery) => request<MachineList>('GET', `/api/v1/machines${queryString(query)}`),
  machine: (machine: string) => request<MachineDetail>('GET', `/api/v1/machines/${ref(machine)}`),
  inventory: (machine: string) => request<MachineInventory>('GET', `/api/v1/machines/${ref(machine)}/inventory`),
  refreshInventory: (machine: string) => request<{ machineId: string }>('POST', `/api/v1/machines/${ref(machine)}/inventory/refresh`),
  entities: () => request<{ items: Entity[] }>('GET', '/api/v1/entities'),
  tokens: () => request<{ items: EnrollmentToken[] }>('GET', '/api/v1/enrollment-tokens'),
  createToken: (body: CreateEnrollmentTokenRequest) => request<CreatedEnrollmentToken>('POST', '/api/v1/enrollment-tokens', body),
  revokeToken: (id: string) => request<EnrollmentToken>('DELETE', `/api/v1/enrollment-tokens/${encodeURIComponent(id)}`),
};
