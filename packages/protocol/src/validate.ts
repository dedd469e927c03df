import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';

export type Validated<T> = { ok: true; value: T } | { ok: false; message: string };

/** A compiled schema check that reports the first problem as a sentence a person can act on. */
export class Validator<S extends TSchema> {
  private readonly check: TypeCheck<S>;

  constructor(readonly schema: S) {
    this.check = TypeCompiler.Compile(schema);
  }

  validate(value: unknown): Validated<Static<S>> {
    if (this.check.Check(value)) return { ok: true, value };
    return { ok: false, message: this.describe(value) };
  }

  is(value: unknown): value is Static<S> {
    return this.check.Check(value);
  }

  describe(value: unknown): string {
    const first = this.check.Errors(value).First();
    if (!first) return 'value does not match its schema';
    const where = first.path === '' ? 'the value' : `"${first.path}"`;
    return `${where}: ${first.message.toLowerCase()}`;
  }
}

export function validator<S extends TSchema>(schema: S): Validator<S> {
  return new Validator(schema);
}
