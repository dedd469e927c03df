import type { TSchema } from '@sinclair/typebox';
import { Validator } from '../validate.js';
import { AgentFrameSchemas, type AgentFrame } from './agent-frames.js';
import { ServerFrameSchemas, type ServerFrame } from './server-frames.js';

export type Decoded<F> = { ok: true; frame: F } | { ok: false; message: string };

type SchemaMap = Record<string, TSchema>;

function compileAll(schemas: SchemaMap): Map<string, Validator<TSchema>> {
  return new Map(Object.entries(schemas).map(([type, schema]) => [type, new Validator(schema)]));
}

/**
 * Parses and validates one frame of a given direction. Validators are compiled once per type and
 * chosen by the `type` field, so a frame costs one JSON parse and one check.
 */
class FrameDecoder<F> {
  private readonly validators: Map<string, Validator<TSchema>>;

  constructor(schemas: SchemaMap) {
    this.validators = compileAll(schemas);
  }

  decode(text: string): Decoded<F> {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, message: 'frame is not valid JSON' };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, message: 'frame must be a JSON object' };
    }
    const type = (value as { type?: unknown }).type;
    const check = typeof type === 'string' ? this.validators.get(type) : undefined;
    if (!check) return { ok: false, message: `unknown frame type ${JSON.stringify(type ?? null) ?? 'null'}` };
    const result = check.validate(value);
    if (!result.ok) return { ok: false, message: `invalid ${String(type)} frame: ${result.message}` };
    return { ok: true, frame: value as F };
  }
}

export const agentFrames = new FrameDecoder<AgentFrame>(AgentFrameSchemas);
export const serverFrames = new FrameDecoder<ServerFrame>(ServerFrameSchemas);
export type { FrameDecoder };
