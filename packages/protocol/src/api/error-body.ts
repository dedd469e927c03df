import { Type, type Static } from '@sinclair/typebox';
import { ErrorCode } from '../errors.js';

/** The body of every API error: a stable code and a sentence a person understands. */
export const ErrorBody = Type.Object({
  error: Type.Object({
    code: ErrorCode,
    message: Type.String(),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  }),
});
export type ErrorBody = Static<typeof ErrorBody>;
