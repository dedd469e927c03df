import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { CommandGuard } from '@pons/agent-link';
import { rawPublicKey, signCommand, signCommandForSet, TargetSet } from '@pons/crypto';
import type { CommandFrame } from '@pons/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CommandDesk, type CommandTarget } from './command-desk.js';

const server = generateKeyPairSync('ed25519');
const commandKey = rawPublicKey(server.publicKey);
const MACHINE = '11111111-2222-3333-4444-555555555555';

function command(machineId: string, name: string, args: Record<string, unknown>, key = server.privateKey, ttlMs = 60_000): CommandFrame {
  const issuedAt = Date.now();
  return signCommand(key, { type: 'command', id: randomUUID(), machineId, name, args, issuedAt, expiresAt: issuedAt + ttlMs });
}

/** What the agent receives: the frame parsed from the bytes the server sent. */
const received = (frame: CommandFrame): CommandFrame => JSON.parse(JSON.stringify(frame)) as CommandFrame;

function target(slot: number, machineId = `machine-${slot}`): CommandTarget {
  return { slot, machineId, guard: null };
}

function pinnedDesk(slots = 8): CommandDesk {
  const desk = new CommandDesk(slots);
  desk.pin(commandKey);
  return desk;
}

afterEach(() => vi.restoreAllMocks());

describe('CommandDesk', () => {
  it('answers a signed echo with its payload', () => {
    const answer = pinnedDesk().answer(target(0, MACHINE), command(MACHINE, 'echo', { payload: 'ping' }), 0);
    expect(answer.outcome).toBe('echo');
    expect(answer.result).toMatchObject({ type: 'result', status: 'ok', output: { payload: 'ping' } });
  });

  it('accepts inventory.collect and asks for an inventory to be sent', () => {
    const frame = command(MACHINE, 'inventory.collect', {});
    expect(pinnedDesk().answer(target(0, MACHINE), frame, 0)).toEqual({
      outcome: 'inventory',
      result: { type: 'result', commandId: frame.id, status: 'ok', output: { accepted: true } },
    });
  });

  it('refuses a command signed by another key, for another machine, expired or replayed', () => {
    const desk = pinnedDesk();
    const agent = target(0, MACHINE);
    const forged = desk.answer(agent, command(MACHINE, 'echo', {}, generateKeyPairSync('ed25519').privateKey), 0);
    expect(forged).toMatchObject({ outcome: 'rejected', result: { status: 'rejected', error: { code: 'PONS_E_SIGNATURE_INVALID' } } });
    expect(desk.answer(agent, command('someone-else', 'echo', {}), 0).result.error?.message).toMatch(/not to this machine/);
    expect(desk.answer(agent, command(MACHINE, 'echo', {}, server.privateKey, -1), 0).result.error?.message).toMatch(/expired/);
    const once = command(MACHINE, 'echo', {});
    expect(desk.answer(agent, once, 0).outcome).toBe('echo');
    expect(desk.answer(agent, received(once), 0).result.error?.message).toMatch(/replay/);
  });

  it('refuses everything while no command key is pinned', () => {
    const answer = new CommandDesk(1).answer(target(0, MACHINE), command(MACHINE, 'echo', {}), 0);
    expect(answer.result.error?.message).toMatch(/no command key/);
  });

  it('checks a broadcast signature once per process, and each agent obeys it once', () => {
    const desk = pinnedDesk(20);
    const verify = vi.spyOn(CommandGuard.prototype, 'check');
    const broadcast = command('*', 'echo', { payload: 'all' });
    const agents = Array.from({ length: 20 }, (_, slot) => target(slot));
    for (const agent of agents) expect(desk.answer(agent, received(broadcast), 0).outcome).toBe('echo');
    expect(verify).toHaveBeenCalledTimes(1);
    expect(desk.answer(agents[3]!, received(broadcast), 0).result.error?.message).toMatch(/replay/);
    expect(agents.every((a) => a.guard === null)).toBe(true);
  });

  it('refuses an altered broadcast that reuses an id', () => {
    const desk = pinnedDesk();
    const broadcast = command('*', 'echo', { payload: 'all' });
    expect(desk.answer(target(0), received(broadcast), 0).outcome).toBe('echo');
    const altered = { ...received(broadcast), args: { payload: 'evil' } };
    expect(desk.answer(target(1), altered, 0).outcome).toBe('rejected');
  });

  it('refuses a forged broadcast for every agent', () => {
    const desk = pinnedDesk();
    const forged = command('*', 'echo', {}, generateKeyPairSync('ed25519').privateKey);
    expect(desk.answer(target(0), received(forged), 0).outcome).toBe('rejected');
    expect(desk.answer(target(1), received(forged), 0).outcome).toBe('rejected');
  });
});

describe('CommandDesk with commands signed for a set', () => {
  it('lets each member obey once, refuses replays per agent and agents outside the set', () => {
    const desk = pinnedDesk(4);
    const members = [target(0), target(1), target(2)];
    const set = new TargetSet(members.map((m) => m.machineId!));
    const issuedAt = Date.now();
    const body = {
      type: 'command' as const,
      id: randomUUID(),
      name: 'echo',
      args: { payload: 'set' },
      issuedAt,
      expiresAt: issuedAt + 60_000,
    };
    const signature = signCommandForSet(server.privateKey, body, set.root);
    const frameFor = (machineId: string, proofOf = machineId) =>
      received({ ...body, machineId, targetProof: set.proof(proofOf), signature });
    for (const m of members) expect(desk.answer(m, frameFor(m.machineId!), 0).outcome).toBe('echo');
    expect(desk.answer(members[1]!, frameFor(members[1]!.machineId!), 0).result.error?.message).toMatch(/replay/);
    const outsider = target(3);
    expect(desk.answer(outsider, frameFor(outsider.machineId!, members[0]!.machineId!), 0).result.error?.message).toMatch(/signature/);
  });
});
