import { commandSignedText, generateEd25519, loadPrivateKey, verifyText } from '@pons/crypto';
import type { CommandFrame } from '@pons/protocol';
import { describe, expect, it } from 'vitest';
import { SetSignatures } from './set-signatures.js';

describe('SetSignatures', () => {
  const key = generateEd25519();
  const signatures = new SetSignatures(loadPrivateKey(key.privateKeyPem), () => Promise.reject(new Error('not read back')), Date.now);
  const targets = ['machine-1', 'machine-2', 'machine-3', 'machine-é', 'machine-"5"'];
  const command = {
    id: 'c-1',
    name: 'echo' as const,
    args: { payload: 'déjà vu — "quoted" \\ and 🙂' },
    targetKind: 'machines' as const,
    targetCount: targets.length,
    issuedAt: 1_700_000_000_000,
    expiresAt: 1_700_000_060_000,
    targets,
  };

  it("writes each member's frame as JSON the member verifies with its own proof", async () => {
    const entry = await signatures.for(command);
    for (const machineId of targets) {
      const bytes = SetSignatures.frame(entry, machineId);
      const frame = JSON.parse(bytes.toString('utf8')) as CommandFrame;
      expect(frame).toMatchObject({ type: 'command', id: 'c-1', machineId, args: command.args, targetProof: entry.set.proof(machineId) });
      const text = commandSignedText(frame);
      expect(text).not.toBeNull();
      expect(verifyText(key.publicKey, text!, frame.signature)).toBe(true);
    }
  });

  it('builds the tree once per command and signs alike when built again', async () => {
    const first = await signatures.for(command);
    expect(await signatures.for(command)).toBe(first);
    const again = await new SetSignatures(loadPrivateKey(key.privateKeyPem), () => Promise.resolve(targets), Date.now).for({
      ...command,
      targets: undefined,
    });
    expect(again.signature).toBe(first.signature);
    expect(SetSignatures.frame(again, 'machine-2').equals(SetSignatures.frame(first, 'machine-2'))).toBe(true);
  });
});
