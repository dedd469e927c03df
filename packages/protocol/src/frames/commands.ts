import { Type, type Static } from '@sinclair/typebox';
import { DeployCancelArgs, DeployStartArgs } from '../deploy/deploy-commands.js';
import type { AccessLevel, Feature } from '../permissions.js';

/** Arguments of each command the agent understands, validated by the agent before it acts. */
export const CommandArgSchemas = {
  /** Collect and send a full inventory now. */
  'inventory.collect': Type.Object({}, { additionalProperties: false }),
  /** Answer at once with the payload; used for round-trip and fan-out measurements. */
  echo: Type.Object({ payload: Type.Optional(Type.String({ maxLength: 4096 })) }, { additionalProperties: false }),
  /** Start one attempt of a deployment: download, verify, run the steps, report with job frames. */
  'deploy.start': DeployStartArgs,
  /** Stop a running attempt: kill the step's processes and report it cancelled. */
  'deploy.cancel': DeployCancelArgs,
} as const;

export type CommandName = keyof typeof CommandArgSchemas;
export type CommandArgs<N extends CommandName> = Static<(typeof CommandArgSchemas)[N]>;
export const commandNames = Object.keys(CommandArgSchemas) as CommandName[];

/** The permission a user needs to send each command (on the target machines' entities). */
export const commandPermissions: Record<CommandName, { feature: Feature; level: AccessLevel }> = {
  'inventory.collect': { feature: 'inventory', level: 'rw' },
  echo: { feature: 'inventory', level: 'ro' },
  'deploy.start': { feature: 'deployment', level: 'rw' },
  'deploy.cancel': { feature: 'deployment', level: 'rw' },
};

export const CommandNameSchema = Type.Union(commandNames.map((name) => Type.Literal(name)));
