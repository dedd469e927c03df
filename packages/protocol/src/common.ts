import { Type, type Static } from '@sinclair/typebox';

/** Milliseconds since the Unix epoch. */
export const Timestamp = Type.Integer({ minimum: 0, description: 'Milliseconds since the Unix epoch' });
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });
export const Uuid = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
});
export const MacAddress = Type.String({ pattern: '^[0-9a-f]{2}(:[0-9a-f]{2}){5}$' });
/** Base64url without padding, as used for keys, nonces and signatures. */
export const Base64Url = Type.String({ pattern: '^[A-Za-z0-9_-]*$', maxLength: 4096 });
export const Fingerprint = Type.String({ pattern: '^sha256:[0-9a-f]{64}$' });

export type Timestamp = Static<typeof Timestamp>;
