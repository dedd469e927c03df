import { describe, expect, it } from 'vitest';
import { generateEd25519, loadPrivateKey, signCommand, signCommandForSet, TargetSet } from '@pons/crypto';
import { CommandGuard } from './command-guard.js';
import { VerifiedSignatures } from './verified-signatures.js';

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
