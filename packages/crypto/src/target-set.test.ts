import { describe, expect, it } from 'vitest';
import { commandSignedText, signCommandForSet, verifyCommand } from './channel-signatures.js';
import { generateEd25519, loadPrivateKey } from './ed25519.js';
import { TargetSet, targetSetRoot } from './target-set.js';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `machine-${String(i).padStart(4, '0')}`);

describe('TargetSet', () => {
  it.each([1, 2, 3, 7, 8, 9, 100, 1001])('proves every one of %i machines, and nobody else', (n) => {
    const machines = ids(n);
    const set = new TargetSet(machines);
    for (const id of machines) expect(targetSetRoot(id, set.proof(id))).toBe(set.root);
    expect(set.proof(machines[0]!).length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)));
    expect(targetSetRoot('machine-outside', set.proof(machines[0]!))).not.toBe(set.root);
    expect(() => set.proof('machine-outside')).toThrow(/not in this target set/);
  });

  it('does not depend on the order or repetition of the machines', () => {
    const machines = ids(13);
    expect(new TargetSet([...machines].reverse()).root).toBe(new TargetSet([...machines, machines[3]!]).root);
    expect(new TargetSet(machines).root).not.toBe(new TargetSet(machines.slice(1)).root);
  });

  it('treats a malformed proof as leading nowhere', () => {
    expect(targetSetRoot('m', ['short'])).toBeNull();
    expect(
      targetSetRoot(
        'm',
        Array.from({ length: 41 }, () => 'A'.repeat(43)),
      ),
    ).toBeNull();
    expect(() => new TargetSet([])).toThrow();
  });
});

describe('commands signed for a set', () => {
  const key = generateEd25519();
  const privateKey = loadPrivateKey(key.privateKeyPem);
  const machines = ids(5);
  const set = new TargetSet(machines);
  const body = { type: 'command' as const, id: 'c-9', name: 'echo', args: { payload: 'x' }, issuedAt: 1, expiresAt: 2 };
  const signature = signCommandForSet(privateKey, body, set.root);
  const frameFor = (machineId: string) => ({ ...body, machineId, targetProof: set.proof(machineId), signature });

  it('verifies for each member with its own proof', () => {
    for (const id of machines) expect(verifyCommand(key.publicKey, frameFor(id))).toBe(true);
  });

  it('refuses a frame moved to another machine, changed, or stripped of its proof', () => {
    const frame = frameFor(machines[0]!);
    expect(verifyCommand(key.publicKey, { ...frame, machineId: machines[1]! })).toBe(false);
    expect(verifyCommand(key.publicKey, { ...frame, machineId: 'intruder' })).toBe(false);
    expect(verifyCommand(key.publicKey, { ...frame, args: { payload: 'y' } })).toBe(false);
    const { targetProof: _proof, ...bare } = frame;
    expect(verifyCommand(key.publicKey, bare)).toBe(false);
    expect(commandSignedText({ ...frame, machineId: '*' })).toBeNull();
  });
});
