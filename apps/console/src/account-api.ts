import type {
  ApiToken,
  CreateApiTokenRequest,
  CreatedApiToken,
  LoginMethods,
  LoginResponse,
  RecoveryCodes,
  SecondFactorChallenge,
  SecondFactorRequest,
  SessionInfo,
  TotpEnrolment,
} from '@pons/protocol';
import { request } from './api.js';

const ref = (id: string) => encodeURIComponent(id);

/** The login methods and the signed-in user's own account: second factor, API tokens, sessions. */
export const accountApi = {
  methods: () => request<LoginMethods>('GET', '/api/v1/auth/methods'),
  /** The session, or the challenge of a second step for accounts with a second factor. */
  login: (username: string, password: string) =>
    request<LoginResponse | SecondFactorChallenge>('POST', '/api/v1/auth/login', { username, password, client: 'browser' }),
  secondFactor: (body: SecondFactorRequest) => request<LoginResponse>('POST', '/api/v1/auth/login/second-factor', body),
  sessions: () => request<{ items: SessionInfo[] }>('GET', '/api/v1/auth/sessions'),
  endSession: (id: string) => request<void>('DELETE', `/api/v1/auth/sessions/${ref(id)}`),
  logOutEverywhere: () => request<void>('POST', '/api/v1/auth/logout-everywhere'),
  enrolTotp: () => request<TotpEnrolment>('POST', '/api/v1/auth/totp/enrol'),
  confirmTotp: (code: string) => request<RecoveryCodes>('POST', '/api/v1/auth/totp/confirm', { code }),
  disableTotp: (code: string) => request<void>('POST', '/api/v1/auth/totp/disable', { code }),
  newRecoveryCodes: (code: string) => request<RecoveryCodes>('POST', '/api/v1/auth/totp/recovery-codes', { code }),
  apiTokens: () => request<{ items: ApiToken[] }>('GET', '/api/v1/api-tokens'),
  createApiToken: (body: CreateApiTokenRequest) => request<CreatedApiToken>('POST', '/api/v1/api-tokens', body),
  revokeApiToken: (id: string) => request<void>('DELETE', `/api/v1/api-tokens/${ref(id)}`),
};
