import { describe, expect, it } from 'vitest';
import { generateEd25519, loadPrivateKey, signCommand, signCommandForSet, TargetSet } from '@pons/crypto';
import { CommandGuard } from './command-guard.js';
import { setFrameHeadLength, VerifiedSignatures } from './verified-signatures.js';

const serverKey = generateEd25519();
const sign = (fields: Partial<Parameters<typeof signCommand>[1]> = {}) =>
  signCommand(loadPrivateKey(serverKey.privateKeyPem), {
    type: 'command',
    id: `c-${Math.random()}`,
    machineId: 'm-1',
    name: 'echo',
    args: { payload: 'x' },
    issuedAt: Date.now(),
    expiresAt: Date.now() + 60_000,
    ...fields,
  });

describe('CommandGuard', () => {
  it('obeys a valid command once and refuses its replay', () => {
    const guard = new CommandGuard(serverKey.publicKey, 'm-1');
    const command = sign();
    expect(guard.check(command, 0)).toEqual({ ok: true, name: 'echo' });
    expect(guard.check(command, 0)).toEqual({ ok: false, message: 'the command was already received (replay)' });
  });

  it('still refuses the replay of a valid command after forgetting many expired ones', () => {
    const guard = new CommandGuard(serverKey.publicKey, 'm-1');
    const lasting = sign({ expiresAt: Date.now() + 600_000 });
    expect(guard.check(lasting, 0)).toMatchObject({ ok: true });
    const brief = Array.from({ length: 100 }, () => sign({ expiresAt: Date.now() + 1000 }));
    for (const command of brief) expect(guard.check(command, 0)).toMatchObject({ ok: true });
    // A minute later (by the server's clock) the brief ones have expired and are pruned as more arrive.
    for (let i = 0; i < 100; i++) expect(guard.check(sign({ expiresAt: Date.now() + 120_000 }), 60_000)).toMatchObject({ ok: true });
    expect(guard.check(lasting, 60_000)).toEqual({ ok: false, message: 'the command was already received (replay)' });
    expect(guard.check(brief[0]!, 60_000)).toEqual({ ok: false, message: 'the command has expired' });
  });

  it('refuses a command signed by another key', () => {
    const other = generateEd25519();
    const guard = new CommandGuard(other.publicKey, 'm-1');
    expect(guard.check(sign(), 0)).toMatchObject({ ok: false, message: expect.stringContaining('signature') });
  });

  it('refuses commands for another machine, expired ones and bad arguments', () => {
    const guard = new CommandGuard(serverKey.publicKey, 'm-1');
    expect(guard.check(sign({ machineId: 'm-2' }), 0)).toMatchObject({
      ok: false,
      message: expect.stringContaining('not to this machine'),
    });
    expect(guard.check(sign({ expiresAt: Date.now() - 1 }), 0)).toEqual({ ok: false, message: 'the command has expired' });
    expect(guard.check(sign({ name: 'format-disk', args: {} }), 0)).toEqual({ ok: false, message: 'unknown command "format-disk"' });
    expect(guard.check(sign({ args: { payload: 1 } }), 0)).toMatchObject({
      ok: false,
      message: expect.stringContaining('invalid arguments'),
    });
  });

  it('judges expiry by the server clock', () => {
    const guard = new CommandGuard(serverKey.publicKey, 'm-1');
    // Our clock runs 2 minutes behind the server: a command that expired on the server is refused.
    expect(guard.check(sign({ expiresAt: Date.now() + 60_000 }), 120_000)).toEqual({ ok: false, message: 'the command has expired' });
  });

  it('verifies identical broadcast bytes once, but still checks everything else', () => {
    const guard = new CommandGuard(serverKey.publicKey, 'm-1');
    const broadcast = sign({ machineId: '*' });
    const raw = JSON.stringify(broadcast);
    expect(guard.check(broadcast, 0, raw).ok).toBe(true);
    const tampered = { ...broadcast, args: { payload: 'changed' } };
    expect(guard.check(tampered, 0, JSON.stringify(tampered)).ok).toBe(false);
  });
});

describe('CommandGuard with a command signed for a set', () => {
  const machines = ['m-1', 'm-2', 'm-3'];
  const set = new TargetSet(machines);
  const body = { type: 'command' as const, name: 'echo', args: { payload: 'x' }, issuedAt: Date.now(), expiresAt: Date.now() + 60_000 };
  const frameFor = (id: string, machineId: string) => ({
    ...body,
    id,
    machineId,
    targetProof: set.proof(machineId),
    signature: signCommandForSet(loadPrivateKey(serverKey.privateKeyPem), { ...body, id }, set.root),
  });

  it('obeys as a member of the set, and refuses a frame meant for another member', () => {
    expect(new CommandGuard(serverKey.publicKey, 'm-2').check(frameFor('c-set-1', 'm-2'), 0)).toEqual({ ok: true, name: 'echo' });
    expect(new CommandGuard(serverKey.publicKey, 'm-2').check(frameFor('c-set-2', 'm-1'), 0)).toMatchObject({
      ok: false,
      message: 'command addressed to m-1, not to this machine',
    });
  });

  // As the server writes a set frame: the command's head once, then each member's id and proof.
  const wire = (id: string, machineId: string) => {
    const { machineId: _machineId, targetProof, ...rest } = frameFor(id, machineId);
    const raw = `${JSON.stringify(rest).slice(0, -1)},"machineId":${JSON.stringify(machineId)},"targetProof":${JSON.stringify(targetProof)}}`;
    return { raw, frame: parse(raw) };
  };
  const parse = (raw: string) => JSON.parse(raw) as ReturnType<typeof frameFor>;

  it("checks the head of a set frame once per process, and every member's own proof each time", () => {
    const signatures = new VerifiedSignatures(serverKey.publicKey);
    for (const m of machines) {
      const { frame, raw } = wire('c-set-5', m);
      expect(new CommandGuard(serverKey.publicKey, m, signatures).check(frame, 0, raw)).toMatchObject({ ok: true });
    }
    expect(signatures.verifications).toBe(1);
    const { raw } = wire('c-set-5', 'm-1');
    // A stranger's id with a member's proof, under a head already checked: another root, refused.
    const stranger = raw.replace('"machineId":"m-1"', '"machineId":"m-9"');
    expect(new CommandGuard(serverKey.publicKey, 'm-9', signatures).check(parse(stranger), 0, stranger)).toMatchObject({ ok: false });
    // Another head (changed arguments): its own text, refused.
    const changed = raw.replace('"payload":"x"', '"payload":"y"');
    expect(new CommandGuard(serverKey.publicKey, 'm-1', signatures).check(parse(changed), 0, changed)).toMatchObject({ ok: false });
    // A key after the proof overrides the head's: not taken for the known head, refused.
    const appended = `${raw.slice(0, -1)},"args":{"payload":"z"}}`;
    expect(new CommandGuard(serverKey.publicKey, 'm-1', signatures).check(parse(appended), 0, appended)).toMatchObject({ ok: false });
    expect(signatures.verifications).toBe(4);
  });

  it("finds the head only where the rest is exactly the frame's own machine id and proof", () => {
    const { frame, raw } = wire('c-set-6', 'm-2');
    expect(setFrameHeadLength(raw, frame)).toBe(raw.indexOf(',"machineId"'));
    expect(setFrameHeadLength(raw.replace('"targetProof":["', '"targetProof":["AAAA","'), frame)).toBeNull();
    expect(setFrameHeadLength(`${raw.slice(0, -1)} }`, frame)).toBeNull();
    expect(setFrameHeadLength(raw, { ...frame, machineId: 'm-3' })).toBeNull();
    expect(setFrameHeadLength(raw, { ...frame, targetProof: undefined })).toBeNull();
  });

  it('shares verdicts on identical signed bytes between guards, and never on other bytes', () => {
    const signatures = new VerifiedSignatures(serverKey.publicKey);
    const frames = machines.map((m) => frameFor('c-set-3', m));
    machines.forEach((m, i) =>
      expect(new CommandGuard(serverKey.publicKey, m, signatures).check(frames[i]!, 0)).toMatchObject({ ok: true }),
    );
    expect(signatures.verifications).toBe(1);
    const forged = { ...frames[0]!, args: { payload: 'y' }, id: 'c-set-4' };
    expect(new CommandGuard(serverKey.publicKey, 'm-1', signatures).check(forged, 0)).toMatchObject({ ok: false });
    expect(signatures.verifications).toBe(2);
  });
});
