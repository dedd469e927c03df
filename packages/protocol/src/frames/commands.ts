import { Type, type Static } from '@sinclair/typebox';

/** Arguments of each command the agent understands, validated by the agent before it acts. */
export const CommandArgSchemas = {
  /** Collect and send a full inventory now. */
  'inventory.collect': Type.Object({}, { additionalProperties: false }),
  /** Answer at once with the payload; used for round-trip and fan-out measurements. */
  echo: Type.Object({ payload: Type.Optional(Type.String({ maxLength: 4096 })) }, { additionalProperties: false }),
} as const;

export type CommandName = keyof typeof CommandArgSchemas;
export type CommandArgs<N extends CommandName> = Static<(typeof CommandArgSchemas)[N]>;
export const commandNames = Object.keys(CommandArgSchemas) as CommandName[];
