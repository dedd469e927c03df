import { Type, type Static } from '@sinclair/typebox';
import { DeployCancelArgs, DeployStartArgs } from '../deploy/deploy-commands.js';
import { Shell } from '../package/steps.js';
import { TunnelOpenArgs, WakeSendArgs } from '../remote/tunnel.js';

const PowerArgs = Type.Object(
  {
    /** Seconds before the machine goes down; the user is told at once. */
    delayS: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400 })),
    message: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
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
  /** Quick action: restart the machine after `delayS` (Medulla: 15 s and a message by default). */
  'machine.reboot': PowerArgs,
  /** Quick action: shut the machine down after `delayS`. */
  'machine.shutdown': PowerArgs,
  /** Quick action: run a command and answer with its exit code and last output lines. */
  'shell.run': Type.Object(
    {
      shell: Shell,
      command: Type.String({ minLength: 1, maxLength: 65_536 }),
      timeoutS: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600 })),
    },
    { additionalProperties: false },
  ),
  /** Quick action: change the agent's servers or log level; it reconnects when the servers change. */
  'agent.reconfigure': Type.Object(
    {
      servers: Type.Optional(Type.Array(Type.String({ pattern: '^https://', maxLength: 2048 }), { minItems: 1, maxItems: 16 })),
      logLevel: Type.Optional(Type.Union([Type.Literal('debug'), Type.Literal('info'), Type.Literal('warn'), Type.Literal('error')])),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  /** Open a tunnel socket to a port, a VNC server, a shell or a file (remote sessions and files). */
  'tunnel.open': TunnelOpenArgs,
  /** Send Wake-on-LAN magic packets to this machine's network, for a sleeping neighbour. */
  'wol.send': WakeSendArgs,
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
  'machine.reboot': { feature: 'remote', level: 'rw' },
  'machine.shutdown': { feature: 'remote', level: 'rw' },
  'shell.run': { feature: 'remote', level: 'rw' },
  'agent.reconfigure': { feature: 'remote', level: 'rw' },
  'tunnel.open': { feature: 'remote', level: 'rw' },
  'wol.send': { feature: 'remote', level: 'rw' },
};

/** Sent by the server's own modules only (deployments, remote sessions, Wake-on-LAN), never through the commands API. */
export const internalCommands: ReadonlySet<CommandName> = new Set<CommandName>([
  'deploy.start',
  'deploy.cancel',
  'tunnel.open',
  'wol.send',
]);

export const CommandNameSchema = Type.Union(commandNames.map((name) => Type.Literal(name)));
