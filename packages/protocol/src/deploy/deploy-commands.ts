import { Type, type Static } from '@sinclair/typebox';
import { Id } from '../common.js';
import { PackageDescriptor } from '../package/descriptor.js';

/** What a machine needs to run one attempt of a deployment. */
export const DeployStartArgs = Type.Object(
  {
    deploymentId: Id,
    attempt: Type.Integer({ minimum: 1 }),
    title: Type.String({ maxLength: 300 }),
    /** SHA-256 of the descriptor's canonical JSON, as submitted. */
    digest: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    descriptor: PackageDescriptor,
    /** Sent as a bearer token to `/agent/v1/files/<sha256>`. */
    downloadToken: Type.String({ minLength: 1, maxLength: 512 }),
    /** Download speed limit for this machine; none when absent. */
    maxBytesPerSecond: Type.Optional(Type.Integer({ minimum: 1024 })),
  },
  { additionalProperties: false },
);
export type DeployStartArgs = Static<typeof DeployStartArgs>;

export const DeployCancelArgs = Type.Object({ deploymentId: Id, attempt: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type DeployCancelArgs = Static<typeof DeployCancelArgs>;
