import type { KeyObject } from 'node:crypto';
import type { CommandFrame, UnsignedCommand } from '@pons/protocol';
import { canonicalJson } from './canonical-json.js';
import { signText, verifyText } from './ed25519.js';

/**
 * What an agent signs to prove its key on connect. The nonce is fresh per connection, so a
 * captured signature is useless on another connection; the purpose prefix keeps the key from
 * being tricked into signing anything else.
 */
export function authPayload(nonce: string, subject: string, publicKey: string): string {
  return `pons-agent-auth-v1\n${nonce}\n${subject}\n${publicKey}`;
}

export function commandPayload(command: UnsignedCommand): string {
  return `pons-command-v1\n${canonicalJson(command)}`;
}

export function signCommand(key: KeyObject, command: UnsignedCommand): CommandFrame {
  return { ...command, signature: signText(key, commandPayload(command)) };
}

export function verifyCommand(publicKey: string | KeyObject, frame: CommandFrame): boolean {
  const { signature, ...unsigned } = frame;
  return verifyText(publicKey, commandPayload(unsigned), signature);
}
