import {
  ApiToken,
  AuditLogPage,
  CreatedApiToken,
  CreatedEnrollmentToken,
  EntityDetail,
  SecondFactorChallenge,
  UserSummary,
  CurrentUser,
  EnrollmentToken,
  Entity,
  LoginResponse,
  MachineDetail,
  MachineInventory,
  MachineList,
  CommandTargetResult,
  MachineCommands,
  DeploymentDetail,
  DeploymentList,
  DeploymentSummary,
  PackageDetail,
  GroupDetail,
  GroupList,
  PackageFile,
  PackageList,
  PackageVersion,
  OpenTunnelResponse,
  WakeResponse,
  Validator,
  type Validated,
} from '@pons/protocol';
import type { Check } from './client.js';

/**
 * The shape of every answer the CLI reads, from the protocol's schemas. Each schema is compiled
 * the first time it is needed, so a command pays only for what it uses.
 */
function compiled<T>(make: () => Check<T>): Check<T> {
  let check: Check<T> | undefined;
  return { validate: (value) => (check ??= make()).validate(value) };
}

function fieldOf<K extends string, T>(key: K, inner: Check<T>): Check<Record<K, T>> {
  return {
    validate(value: unknown): Validated<Record<K, T>> {
      const field = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
      const result = inner.validate(field);
      return result.ok ? { ok: true, value: value as Record<K, T> } : { ok: false, message: `"/${key}" ${result.message}` };
    },
  };
}

function listOf<T>(item: Check<T>): Check<T[]> {
  return {
    validate(value: unknown): Validated<T[]> {
      if (!Array.isArray(value)) return { ok: false, message: 'is not a list' };
      for (const [index, entry] of value.entries()) {
        const result = item.validate(entry);
        if (!result.ok) return { ok: false, message: `item ${index}: ${result.message}` };
      }
      return { ok: true, value: value as T[] };
    },
  };
}

/** One shape or the other, as an answer that may ask for one more step. */
function eitherOf<A, B>(first: Check<A>, second: Check<B>): Check<A | B> {
  return {
    validate(value: unknown): Validated<A | B> {
      const result = first.validate(value);
      if (result.ok) return result;
      const other = second.validate(value);
      return other.ok ? other : result;
    },
  };
}

const count: Check<number> = {
  validate: (v): Validated<number> =>
    Number.isInteger(v) ? { ok: true, value: v as number } : { ok: false, message: 'is not an integer' },
};

const anything: Check<unknown> = { validate: (value) => ({ ok: true, value }) };

export const responses = {
  login: compiled(() => new Validator(LoginResponse)),
  /** A login answers with a session, or asks for the second factor first. */
  loginStep: eitherOf(
    compiled(() => new Validator(LoginResponse)),
    compiled(() => new Validator(SecondFactorChallenge)),
  ),
  me: fieldOf(
    'user',
    compiled(() => new Validator(CurrentUser)),
  ),
  passwordChanged: fieldOf(
    'user',
    compiled(() => new Validator(CurrentUser)),
  ),
  loggedOut: anything,
  machineList: compiled(() => new Validator(MachineList)),
  machine: compiled(() => new Validator(MachineDetail)),
  inventory: compiled(() => new Validator(MachineInventory)),
  inventoryRefresh: fieldOf('machineId', {
    validate: (v): Validated<string> => (typeof v === 'string' ? { ok: true, value: v } : { ok: false, message: 'is not a string' }),
  }),
  createdToken: compiled(() => new Validator(CreatedEnrollmentToken)),
  token: compiled(() => new Validator(EnrollmentToken)),
  tokenList: fieldOf('items', listOf(compiled(() => new Validator(EnrollmentToken)))),
  entityList: fieldOf('items', listOf(compiled(() => new Validator(Entity)))),
  packageList: compiled(() => new Validator(PackageList)),
  group: compiled(() => new Validator(GroupDetail)),
  groupList: compiled(() => new Validator(GroupList)),
  commandResult: compiled(() => new Validator(CommandTargetResult)),
  machineCommands: compiled(() => new Validator(MachineCommands)),
  package: compiled(() => new Validator(PackageDetail)),
  packageVersion: compiled(() => new Validator(PackageVersion)),
  packageFile: compiled(() => new Validator(PackageFile)),
  deploymentList: compiled(() => new Validator(DeploymentList)),
  deployment: compiled(() => new Validator(DeploymentSummary)),
  deploymentDetail: compiled(() => new Validator(DeploymentDetail)),
  apiTokenList: fieldOf('items', listOf(compiled(() => new Validator(ApiToken)))),
  createdApiToken: compiled(() => new Validator(CreatedApiToken)),
  userList: fieldOf('items', listOf(compiled(() => new Validator(UserSummary)))),
  user: compiled(() => new Validator(UserSummary)),
  entityDetail: compiled(() => new Validator(EntityDetail)),
  moved: fieldOf('moved', count),
  auditPage: compiled(() => new Validator(AuditLogPage)),
  tunnel: compiled(() => new Validator(OpenTunnelResponse)),
  wake: compiled(() => new Validator(WakeResponse)),
  /** `{ ok: true }`, the answer of a deletion. */
  done: anything,
};
