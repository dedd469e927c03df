import { Type, type TSchema } from '@sinclair/typebox';
import { ErrorBody } from '@pons/protocol';

/** Response schemas for a route: its success body plus the error body for every failure status. */
export function responses<S extends TSchema>(ok: S, okStatus: 200 | 201 = 200) {
  return {
    [okStatus]: ok,
    '4xx': ErrorBody,
    '5xx': ErrorBody,
  } as { 200: S; '4xx': typeof ErrorBody; '5xx': typeof ErrorBody };
}

export const NoContent = Type.Object({ ok: Type.Literal(true) });
