import type { CreateUserRequest, UpdateUserRequest, UserSummary } from '@pons/protocol';
import { roleErrors, roleTarget, type RoleRow } from '../admin/role-rows.js';

/** The user forms as typed, and the requests they make. Pure, tested. */
export interface UserForm {
  username: string;
  password: string;
  givenName: string;
  sn: string;
  mail: string;
  roles: RoleRow[];
}

export const emptyUserForm: UserForm = { username: '', password: '', givenName: '', sn: '', mail: '', roles: [] };

export type Result<T> = { request: T; errors?: undefined } | { errors: string[]; request?: undefined };

const USERNAME = /^[A-Za-z0-9._@-]+$/;
const looksLikeMail = (text: string) => /^[^\s@]+@[^\s@]+$/.test(text);

function detailErrors(form: UserForm): string[] {
  const errors: string[] = [];
  if (form.mail.trim() && !looksLikeMail(form.mail.trim()))
    errors.push('Mail: give an address such as jane@example.org, or leave it empty.');
  return [...errors, ...roleErrors(form.roles, 'Role')];
}

export function createUserRequest(form: UserForm): Result<CreateUserRequest> {
  const errors: string[] = [];
  const username = form.username.trim();
  if (!username) errors.push('Give the user name.');
  else if (!USERNAME.test(username)) errors.push('User name: letters, digits and . _ @ - only.');
  if (!form.password) errors.push('Give an initial password; the user changes it at first login.');
  errors.push(...detailErrors(form));
  if (errors.length > 0) return { errors };
  const request: CreateUserRequest = { username, password: form.password, roles: form.roles.map(roleTarget) };
  if (form.givenName.trim()) request.givenName = form.givenName.trim();
  if (form.sn.trim()) request.sn = form.sn.trim();
  if (form.mail.trim()) request.mail = form.mail.trim();
  return { request };
}

export function userFormFrom(user: UserSummary): UserForm {
  return {
    username: user.username,
    password: '',
    givenName: user.givenName ?? '',
    sn: user.sn ?? '',
    mail: user.mail ?? '',
    roles: user.roles.map((role) => ({ entity: role.entityId, profile: role.profileId, match: '' })),
  };
}

const roleKeys = (rows: readonly { entity: string; profile: string }[]) =>
  JSON.stringify(rows.map((r) => `${r.entity}\u0000${r.profile}`).sort());

/** Only what the form changes; `request` is null when it changes nothing. */
export function updateUserRequest(user: UserSummary, form: UserForm): Result<UpdateUserRequest | null> {
  const errors = detailErrors(form);
  if (errors.length > 0) return { errors };
  const request: UpdateUserRequest = {};
  for (const field of ['givenName', 'sn', 'mail'] as const) {
    if (form[field].trim() !== (user[field] ?? '')) request[field] = form[field].trim();
  }
  const roles = form.roles.map(roleTarget);
  const before = user.roles.map((r) => ({ entity: r.entityId, profile: r.profileId }));
  if (roleKeys(roles) !== roleKeys(before)) request.roles = roles;
  return { request: Object.keys(request).length > 0 ? request : null };
}
