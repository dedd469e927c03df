import type { KeyObject } from 'node:crypto';
import type { CommandFrame, UnsignedCommand } from '@pons/protocol';
import { canonicalJson } from './canonical-json.js';
import { signText, verifyText } from './ed25519.js';
import { targetSetRoot, type KnownNodes } from './target-set.js';

/** A command as signed: without its signature, and without the proof that only says who is in its set. */
export type SignedCommandBody = Omit<UnsignedCommand, 'targetProof'>;

/**
 * What an agent signs to prove its key on connect. The nonce is fresh per connection, so a
 * captured signature is useless on another connection; the purpose prefix keeps the key from
 * being tricked into signing anything else.
 */
export function authPayload(nonce: string, subject: string, publicKey: string): string {
  return `pons-agent-auth-v1\n${nonce}\n${subject}\n${publicKey}`;
}

export function commandPayload(command: SignedCommandBody): string {
  return `pons-command-v1\n${canonicalJson(command)}`;
}

export function signCommand(key: KeyObject, command: SignedCommandBody): CommandFrame {
  return { ...command, signature: signText(key, commandPayload(command)) };
}

/**
 * One signature for a command to a set of machines (see TargetSet): what is signed is the command
 * addressed to `set:<root>`. Each target's frame carries its own machine id and proof.
 */
export function signCommandForSet(key: KeyObject, command: Omit<SignedCommandBody, 'machineId'>, root: string): string {
  return signText(key, commandPayload({ ...command, machineId: `set:${root}` }));
}

/**
 * The exact text a command frame's signature must cover: the command itself, or, when it carries
 * a target proof, the command addressed to the set its machine id and proof lead to. Null when
 * the proof is malformed or names no single machine.
 */
export function commandSignedText(frame: CommandFrame, known?: KnownNodes): string | null {
  const { signature: _signature, targetProof, ...body } = frame;
  if (targetProof === undefined) return commandPayload(body);
  if (body.machineId === '*') return null;
  const root = targetSetRoot(body.machineId, targetProof, known);
  return root === null ? null : setCommandText(frame, root);
}

/**
 * How a set member's frame goes on from its head (the command, once for all members): this, the
 * proof's hashes as JSON strings, then `]}`. The server writes it; agents sharing verdicts find
 * the head by it.
 */
export function setFrameMemberStart(machineId: string): string {
  return `,"machineId":${JSON.stringify(machineId)},"targetProof":[`;
}

/** The text a frame of a command signed for a set must be signed over, given the root its proof leads to. */
export function setCommandText(frame: CommandFrame, root: string): string {
  const { signature: _signature, targetProof: _proof, ...body } = frame;
  return commandPayload({ ...body, machineId: `set:${root}` });
}

export function verifyCommand(publicKey: string | KeyObject, frame: CommandFrame): boolean {
  const text = commandSignedText(frame);
  return text !== null && verifyText(publicKey, text, frame.signature);
}
