import type { Migration } from 'kysely';
import * as foundation from './20261123-0001-foundation.js';
import * as commands from './20261123-0002-commands.js';
import * as nodes from './20261123-0003-nodes.js';
import * as openTargetIndexes from './20261201-0004-open-target-indexes.js';
import * as machineStatusIndex from './20261202-0005-machine-status-index.js';
import * as machineStatusHostnameIndex from './20261202-0006-machine-status-hostname-index.js';
import * as packages from './20261202-0007-packages.js';
import * as deployments from './20261202-0008-deployments.js';
import * as convergence from './20261202-0009-convergence.js';
import * as groups from './20261202-0010-groups.js';
import * as identityAdmin from './20261202-0011-identity-admin.js';
import * as remote from './20261202-0012-remote.js';

/** Every migration, in order. Names sort by date; add new ones at the end, never edit old ones. */
export const migrations: Record<string, Migration> = {
  '20261123-0001-foundation': foundation,
  '20261123-0002-commands': commands,
  '20261123-0003-nodes': nodes,
  '20261201-0004-open-target-indexes': openTargetIndexes,
  '20261202-0005-machine-status-index': machineStatusIndex,
  '20261202-0006-machine-status-hostname-index': machineStatusHostnameIndex,
  '20261202-0007-packages': packages,
  '20261202-0008-deployments': deployments,
  '20261202-0009-convergence': convergence,
  '20261202-0010-groups': groups,
  '20261202-0011-identity-admin': identityAdmin,
  '20261202-0012-remote': remote,
};
