import { Type, type Static } from '@sinclair/typebox';

export const ServerInfo = Type.Object({
  product: Type.Literal('pons'),
  version: Type.String(),
  protocol: Type.Integer(),
  caFingerprint: Type.String(),
  url: Type.String(),
});
export type ServerInfo = Static<typeof ServerInfo>;
