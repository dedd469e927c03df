import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { commandSignedText, signCommandForSet, verifyCommand } from './channel-signatures.js';
import { generateEd25519, loadPrivateKey } from './ed25519.js';
import { KnownNodes, TargetSet, targetSetRoot } from './target-set.js';

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

  it('hashes exactly as the protocol says (0x00 || id for a leaf, 0x01 || sorted children for a node)', () => {
    // A reference written from the description, so that agents and servers of any version agree.
    const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
    const leaf = (id: string) => sha(Buffer.from([0]), Buffer.from(id, 'utf8'));
    const node = (a: Buffer, b: Buffer) => (Buffer.compare(a, b) <= 0 ? sha(Buffer.from([1]), a, b) : sha(Buffer.from([1]), b, a));
    const [a, b, c] = ['machine-a', 'machine-b', 'machine-ç'].map(leaf) as [Buffer, Buffer, Buffer];
    expect(new TargetSet(['machine-ç', 'machine-a', 'machine-b']).root).toBe(node(node(a, b), c).toString('base64url'));
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

describe('KnownNodes (paths shared by the agents of one process)', () => {
  it('leads every member to the root with far fewer hashes, and nobody else', () => {
    const machines = ids(100);
    const set = new TargetSet(machines);
    const known = new KnownNodes();
    for (const id of machines) expect(targetSetRoot(id, set.proof(id), known)).toBe(set.root);
    // A stranger's own leaf, with a member's proof, reaches no known node and another root.
    expect(targetSetRoot('machine-outside', set.proof(machines[0]!), known)).not.toBe(set.root);
    // A member of another set whose path happens to cross no known node gets that set's root.
    const other = new TargetSet(ids(7).map((id) => `${id}-b`));
    expect(targetSetRoot('machine-0003-b', other.proof('machine-0003-b'), known)).toBe(other.root);
  });

  it('still refuses a malformed rest of the proof once a known node is reached', () => {
    const machines = ids(16);
    const set = new TargetSet(machines);
    const known = new KnownNodes();
    expect(targetSetRoot(machines[0]!, set.proof(machines[0]!), known)).toBe(set.root);
    const proof = set.proof(machines[1]!);
    expect(targetSetRoot(machines[1]!, [proof[0]!, 'not-a-hash', ...proof.slice(2)], known)).toBeNull();
    expect(targetSetRoot(machines[1]!, [proof[0]!, ...proof.slice(1)], known)).toBe(set.root);
  });

  it('forgets everything when full and still answers by hashing', () => {
    const machines = ids(64);
    const set = new TargetSet(machines);
    const known = new KnownNodes(8);
    for (const id of machines) expect(targetSetRoot(id, set.proof(id), known)).toBe(set.root);
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
