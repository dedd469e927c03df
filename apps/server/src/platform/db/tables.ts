/**
 * The database schema as Kysely sees it. Times are integer milliseconds since the epoch and
 * booleans are 0/1 integers, so that the same repositories run unchanged on SQLite and PostgreSQL.
 * Each table has one writing module, named beside it.
 */

/** identity */
export interface EntitiesTable {
  id: string;
  name: string;
  parent_id: string | null;
  created_at: number;
}

/** identity */
export interface ProfilesTable {
  id: string;
  name: string;
  builtin: number;
  super_admin: number;
}

/** identity */
export interface ProfilePermissionsTable {
  profile_id: string;
  feature: string;
  level: string;
}

/** identity */
export interface UsersTable {
  id: string;
  username: string;
  password_hash: string | null;
  must_change_password: number;
  disabled: number;
  created_at: number;
  last_login_at: number | null;
  /** local, ldap or oidc */
  source: string;
  /** The directory's DN (ldap) or `<issuer>|<sub>` (oidc). */
  external_id: string | null;
  given_name: string | null;
  sn: string | null;
  mail: string | null;
  /** Sealed with the server's secrets key. */
  totp_secret: string | null;
  totp_pending: string | null;
  totp_last_counter: number | null;
  /** JSON array of SHA-256 hashes; a used code is removed. */
  recovery_codes: string | null;
}

/** identity */
export interface UserRolesTable {
  user_id: string;
  entity_id: string;
  profile_id: string;
}

/** identity */
export interface SessionsTable {
  id: string;
  user_id: string;
  kind: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  address: string;
  /** A short id shown in session lists; the primary key is the hash of the secret. */
  public_id: string | null;
}

/** enrollment */
export interface EnrollmentTokensTable {
  id: string;
  entity_id: string;
  secret_hash: string;
  label: string;
  created_at: number;
  created_by: string;
  expires_at: number;
  max_uses: number;
  uses: number;
  revoked_at: number | null;
}

/** machines (presence columns are written by the gateway through the machines module) */
export interface MachinesTable {
  id: string;
  entity_id: string;
  hostname: string;
  identity_key: string;
  identity_source: string;
  smbios_uuid: string | null;
  serial: string | null;
  generated_id: string;
  public_key: string;
  platform: string;
  os_name: string;
  os_version: string;
  arch: string;
  ip_addresses: string;
  mac_addresses: string;
  agent_version: string;
  status: string;
  status_since: number;
  offline_reason: string | null;
  last_seen_at: number | null;
  enrolled_at: number;
  enrollment_token_id: string | null;
  inventory_at: number | null;
  vendor: string | null;
  model: string | null;
  cpu_model: string | null;
  memory_bytes: number | null;
  software_count: number | null;
  /** The node holding the machine's connection, and which connection: presence writes are guarded by it. */
  node_id: string | null;
  connection_id: string | null;
}

/** inventory */
export interface InventoriesTable {
  machine_id: string;
  received_at: number;
  document: string;
}

/** commands */
export interface CommandsTable {
  id: string;
  name: string;
  args: string;
  target_kind: string;
  target_count: number;
  created_by: string;
  created_at: number;
  expires_at: number;
}

/** commands (outcome columns are written through the commands module by the gateway) */
export interface CommandTargetsTable {
  command_id: string;
  machine_id: string;
  status: string;
  sent_at: number | null;
  completed_at: number | null;
  output: string | null;
  error_code: string | null;
  error_message: string | null;
  /** The node that sent it (claimed it). */
  node_id: string | null;
}

/** nodes */
export interface NodesTable {
  id: string;
  name: string;
  roles: string;
  url: string;
  started_at: number;
  heartbeat_at: number;
  stopped_at: number | null;
}

/** packages: the file store's contents, named by their SHA-256 */
export interface BlobsTable {
  sha256: string;
  size: number;
  created_at: number;
}

/** packages */
export interface PackagesTable {
  id: string;
  name: string;
  entity_id: string;
  created_at: number;
  created_by: string;
}

/** packages: JSON text in os, sequences and checks */
export interface PackageVersionsTable {
  package_id: string;
  revision: number;
  version: string;
  status: string;
  description: string;
  os: string;
  sequences: string;
  checks: string;
  created_at: number;
  created_by: string;
  submitted_at: number | null;
  submitted_by: string | null;
  digest: string | null;
}

/** packages */
export interface PackageFilesTable {
  package_id: string;
  revision: number;
  name: string;
  sha256: string;
  size: number;
}

/** deployments */
export interface DeploymentsTable {
  id: string;
  title: string;
  package_id: string;
  revision: number;
  created_by: string;
  created_at: number;
  start_at: number;
  end_at: number;
  windows: string | null;
  wake_on_lan: number;
  max_concurrent: number | null;
  max_bytes_per_second: number | null;
  retries: number;
  status: string;
  /** 1: kept applied: new members of the target set get it, and the package check runs again. */
  converge: number;
  target_entity_id: string | null;
  target_all: number;
  converged_at: number | null;
  target_group_id: string | null;
}

/** groups */
/** Per entity: remote sessions need the logged-in user's consent (inherited by sub-entities without a row). */
export interface RemoteSettingsTable {
  entity_id: string;
  consent_required: number;
  updated_at: number;
  updated_by: string;
}

export interface MachineGroupsTable {
  id: string;
  name: string;
  entity_id: string;
  created_at: number;
  created_by: string;
}

/** groups */
export interface MachineGroupMembersTable {
  group_id: string;
  machine_id: string;
  added_at: number;
}

/** deployments: the current attempt on each target; last_lines is a JSON array */
export interface DeploymentTargetsTable {
  deployment_id: string;
  machine_id: string;
  attempt: number;
  state: string;
  state_since: number;
  deadline_at: number | null;
  step: number | null;
  percent: number | null;
  exit_code: number | null;
  message: string | null;
  last_lines: string | null;
  last_seq: number;
  retries_left: number;
  /** The deploy.start command of the current attempt, while it is starting. */
  command_id: string | null;
}

/** deployments: failure is JSON */
export interface DeploymentAuditTable {
  deployment_id: string;
  machine_id: string;
  attempt: number;
  at: number;
  /** The agent's event number within the attempt; 0 for what the server wrote. Orders lines of one millisecond. */
  seq: number;
  kind: string;
  state: string | null;
  step: number | null;
  stream: string | null;
  text: string;
  failure: string | null;
}

/** identity */
export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  secret_hash: string;
  prefix: string;
  /** JSON ApiTokenNarrowing with entity ids, or null */
  narrowing: string | null;
  created_at: number;
  expires_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** identity: a password accepted, waiting for the second factor */
export interface LoginChallengesTable {
  id: string;
  user_id: string;
  kind: string;
  address: string;
  expires_at: number;
  attempts: number;
}

/** identity: an OIDC login between the redirect and the callback (data is JSON) */
export interface OidcPendingTable {
  id: string;
  provider_id: string;
  data: string;
  expires_at: number;
}

/** identity: key → JSON value (security, ldap) */
export interface SettingsTable {
  key: string;
  value: string;
  updated_at: number;
  updated_by: string;
}

/** identity: config is JSON (OidcProviderRequest without the secret) */
export interface OidcProvidersTable {
  id: string;
  name: string;
  config: string;
  client_secret: string | null;
  enabled: number;
  created_at: number;
}

/** audit: details is JSON */
export interface AuditLogTable {
  id: string;
  at: number;
  actor: string | null;
  actor_id: string | null;
  address: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  object_name: string | null;
  entity_id: string | null;
  outcome: string;
  error_code: string | null;
  details: string | null;
}

export interface Database {
  entities: EntitiesTable;
  profiles: ProfilesTable;
  profile_permissions: ProfilePermissionsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  enrollment_tokens: EnrollmentTokensTable;
  machines: MachinesTable;
  inventories: InventoriesTable;
  commands: CommandsTable;
  command_targets: CommandTargetsTable;
  nodes: NodesTable;
  blobs: BlobsTable;
  packages: PackagesTable;
  package_versions: PackageVersionsTable;
  package_files: PackageFilesTable;
  deployments: DeploymentsTable;
  deployment_targets: DeploymentTargetsTable;
  deployment_audit: DeploymentAuditTable;
  machine_groups: MachineGroupsTable;
  remote_settings: RemoteSettingsTable;
  machine_group_members: MachineGroupMembersTable;
  api_tokens: ApiTokensTable;
  login_challenges: LoginChallengesTable;
  oidc_pending: OidcPendingTable;
  settings: SettingsTable;
  oidc_providers: OidcProvidersTable;
  audit_log: AuditLogTable;
}
