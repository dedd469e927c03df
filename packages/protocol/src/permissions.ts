import { Type, type Static } from '@sinclair/typebox';
import { Features } from './access-rules.js';

export * from './access-rules.js';

export const Feature = Type.Union(Features.map((f) => Type.Literal(f)));
export type Feature = Static<typeof Feature>;

export const AccessLevel = Type.Union([Type.Literal('ro'), Type.Literal('rw')]);
export type AccessLevel = Static<typeof AccessLevel>;
