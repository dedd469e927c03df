import { randomUUID } from 'node:crypto';
import {
  CommandArgSchemas,
  commandPermissions,
  internalCommands,
  Validator,
  type CommandName,
  type CommandSummary,
  type CommandTargetResult,
  type CommandTargetStatus,
  type CreateCommandRequest,
  type MachineCommand,
  type ErrorCode,
  type ResultFrame,
} from '@pons/protocol';
import type { Bus } from '../../platform/bus.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { CommandsTable, CommandTargetsTable } from '../../platform/db/tables.js';
import { PonsError } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/access.js';
import type { Logger } from '../../platform/logger.js';
import type { MachinesService } from '../machines/index.js';
import { CommandsRepository } from './commands.repository.js';
import { OutcomeWriter } from './outcome-writer.js';
import { percentile } from './percentile.js';

/** A command as the gateway needs it to sign and send. */
export interface StoredCommand {
  id: string;
  name: CommandName;
  args: Record<string, unknown>;
  targetKind: 'all' | 'machines' | 'entity';
  targetCount: number;
  issuedAt: number;
  expiresAt: number;
  /** Every target machine, when the caller has them at hand (the node that created it). */
  targets?: readonly string[];
}

/** Who can put a command on the wire: the gateway(s) holding the machines' connections. */
export interface CommandDelivery {
  /** Claims the targets this node holds a connection for, then sends to them. */
  deliver(command: StoredCommand, machineIds: string[]): Promise<void>;
  /** Of these machines, those this node can put a command on the wire to right now. */
  held(machineIds: string[]): string[];
  /** Sends to targets already claimed by this node (written `sent` with the command). */
  send(command: StoredCommand, machineIds: string[]): Promise<void>;
}

const MAX_OUTPUT_CHARS = 64 * 1024;
const argValidators = new Map(Object.entries(CommandArgSchemas).map(([name, schema]) => [name, new Validator(schema)]));

export function toStored(row: CommandsTable): StoredCommand {
  return {
    id: row.id,
    name: row.name as CommandName,
    args: JSON.parse(row.args) as Record<string, unknown>,
    targetKind: row.target_kind as StoredCommand['targetKind'],
    targetCount: row.target_count,
    issuedAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

function capOutput(output: unknown): string | null {
  if (output === undefined) return null;
  const text = JSON.stringify(output);
  return text.length <= MAX_OUTPUT_CHARS ? text : JSON.stringify({ truncated: true, preview: text.slice(0, MAX_OUTPUT_CHARS) });
}

function toResult(row: CommandTargetsTable & { hostname: string }): CommandTargetResult {
  return {
    commandId: row.command_id,
    machineId: row.machine_id,
    hostname: row.hostname,
    status: row.status as CommandTargetStatus,
    sentAt: row.sent_at,
    completedAt: row.completed_at,
    output: row.output === null ? null : (JSON.parse(row.output) as unknown),
    error: row.error_code ? { code: row.error_code as ErrorCode, message: row.error_message ?? '' } : null,
  };
}

/**
 * Every command has a durable record: created here (one row per target), claimed by the gateway
 * that sends it, settled by the agent's answer, by a lost connection or by expiry. A target is
 * delivered at most once, and each ends in a final state with its cause.
 */
export class CommandsService {
  private readonly repo: CommandsRepository;
  readonly outcomes: OutcomeWriter;
  private delivery: CommandDelivery | null = null;

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly bus: Bus,
    private readonly machines: MachinesService,
    private readonly log: Logger,
    outcomeFlushMs: number,
    private readonly defaultTtlMs: number,
  ) {
    this.repo = new CommandsRepository(db);
    this.outcomes = new OutcomeWriter(db, bus, log, outcomeFlushMs);
  }

  /** Called on nodes that hold agent connections: deliveries routed here reach this gateway. */
  useDelivery(delivery: CommandDelivery): void {
    this.delivery = delivery;
    this.bus.onNodeMessage('command.deliver', ({ commandId, machineIds }) => {
      this.deliverHere(commandId, machineIds).catch((error: unknown) =>
        this.log.error({ err: error, commandId }, 'could not deliver a routed command'),
      );
    });
  }

  /**
   * Sends each target to the node that holds its connection: this one directly, others through
   * the bus. What cannot be delivered now stays queued: the machine's next connection, or the
   * scheduler's re-routing, picks it up; claiming makes sure it goes out once.
   */
  private async route(command: StoredCommand, targets: Array<{ id: string; node_id: string | null }>): Promise<void> {
    const byNode = new Map<string, string[]>();
    for (const t of targets) if (t.node_id) byNode.set(t.node_id, [...(byNode.get(t.node_id) ?? []), t.id]);
    for (const [nodeId, machineIds] of byNode) {
      if (nodeId === this.bus.nodeId && this.delivery) {
        await this.delivery.deliver(command, machineIds);
        continue;
      }
      for (let i = 0; i < machineIds.length; i += 5000)
        this.bus.sendToNode(nodeId, 'command.deliver', { commandId: command.id, machineIds: machineIds.slice(i, i + 5000) });
    }
  }

  private async deliverHere(commandId: string, machineIds: string[]): Promise<void> {
    const row = await this.repo.find(commandId);
    if (!row || row.expires_at <= this.clock.now() || !this.delivery) return;
    await this.delivery.deliver(toStored(row), machineIds);
  }

  /** Routes again the queued targets of machines that are online now (scheduler). */
  async redispatchQueued(): Promise<number> {
    const waiting = await this.repo.queuedForOnline(this.clock.now(), 50_000);
    const byCommand = new Map<string, Array<{ id: string; node_id: string | null }>>();
    for (const w of waiting)
      byCommand.set(w.command_id, [...(byCommand.get(w.command_id) ?? []), { id: w.machine_id, node_id: w.node_id }]);
    for (const [commandId, targets] of byCommand) {
      const row = await this.repo.find(commandId);
      if (row) await this.route(toStored(row), targets);
    }
    return waiting.length;
  }

  /** Targets that dead nodes had sent: their answers are lost with the node (scheduler). */
  async failSentBy(nodeIds: string[]): Promise<number> {
    await this.outcomes.flush();
    const failed = await this.repo.failSentBy(
      nodeIds,
      this.clock.now(),
      'The server node holding the connection was lost before the agent answered.',
    );
    const byCommand = new Map<string, string[]>();
    for (const f of failed) byCommand.set(f.command_id, [...(byCommand.get(f.command_id) ?? []), f.machine_id]);
    for (const [commandId, machineIds] of byCommand) this.bus.publish('command.settled', { commandId, machineIds });
    return failed.length;
  }

  async create(principal: Principal, request: CreateCommandRequest): Promise<CommandSummary> {
    if (internalCommands.has(request.name)) {
      throw new PonsError('PONS_E_FORBIDDEN', `${request.name} is sent by deployments only: create a deployment instead.`);
    }
    const permission = commandPermissions[request.name];
    if (!principal.can(permission.feature, permission.level)) {
      throw new PonsError('PONS_E_FORBIDDEN', `Your profile does not allow the command ${request.name}.`);
    }
    const args = argValidators.get(request.name)!.validate(request.args);
    if (!args.ok) throw new PonsError('PONS_E_VALIDATION', `Invalid arguments for ${request.name}: ${args.message}.`);
    const targets = await this.machines.resolveTargets(principal.scope(permission.feature, permission.level), request.targets);
    if (targets.length === 0) throw new PonsError('PONS_E_MACHINE_NOT_FOUND', 'The command has no target machine.');
    const targetKind = request.targets.all ? 'all' : request.targets.entity ? 'entity' : 'machines';
    return this.dispatch(principal.username, request.name, request.args, targetKind, targets, request.ttlMs ?? this.defaultTtlMs);
  }

  /**
   * Sends a command for a module that checked the user's rights itself when the work was asked
   * for (a deployment's scheduler acting for the deployment's author). Returns the command id.
   */
  async issue(by: string, name: CommandName, args: Record<string, unknown>, machineIds: string[], ttlMs: number): Promise<string> {
    const valid = argValidators.get(name)!.validate(args);
    if (!valid.ok) throw new PonsError('PONS_E_VALIDATION', `Invalid arguments for ${name}: ${valid.message}.`);
    const targets = await this.machines.resolveTargets('all', { machines: machineIds });
    return (await this.dispatch(by, name, args, 'machines', targets, ttlMs)).id;
  }

  /** A machine's latest commands (quick actions, inventory requests, deployments' jobs) with their output. */
  async history(principal: Principal, machineRef: string, limit: number): Promise<MachineCommand[]> {
    const machine = await this.machines.find(principal.scope('inventory', 'ro'), machineRef);
    const rows = await this.repo.forMachine(machine.id, limit);
    return rows.map((row) => ({
      ...toResult(row),
      name: row.name as CommandName,
      args: internalCommands.has(row.name as CommandName) ? null : (JSON.parse(row.args) as Record<string, unknown>),
      createdBy: row.created_by,
      createdAt: row.created_at,
    }));
  }

  /** How a command ended on one machine (or that it has not yet). */
  async outcome(commandId: string, machineId: string): Promise<CommandTargetResult | null> {
    const target = await this.repo.target(commandId, machineId);
    return target ? toResult(target) : null;
  }

  private async dispatch(
    by: string,
    name: CommandName,
    args: Record<string, unknown>,
    targetKind: 'all' | 'entity' | 'machines',
    targets: Array<{ id: string; status: string; node_id: string | null }>,
    ttlMs: number,
  ): Promise<CommandSummary> {
    const now = this.clock.now();
    const row: CommandsTable = {
      id: randomUUID(),
      name,
      args: JSON.stringify(args),
      target_kind: targetKind,
      target_count: targets.length,
      created_by: by,
      created_at: now,
      expires_at: now + ttlMs,
    };
    const online = targets.filter((t) => t.status === 'online').map((t) => t.id);
    // Targets whose connection is held here are written already claimed: no UPDATE to claim them.
    const here = this.delivery?.held(online) ?? [];
    const hereSet = new Set(here);
    await this.repo.insert(
      row,
      targets.map((t) => t.id),
      hereSet,
      this.clock.now(),
      this.bus.nodeId,
    );
    this.log.info({ commandId: row.id, name: row.name, targets: targets.length, by }, 'command created');
    const stored: StoredCommand = { ...toStored(row), targets: targets.map((t) => t.id) };
    if (this.delivery && here.length > 0) await this.delivery.send(stored, here);
    // The others go to the nodes holding them; agents that connected here meanwhile are claimed as any queued target is.
    await this.route(
      stored,
      targets.filter((t) => t.status === 'online' && !hereSet.has(t.id)),
    );
    // As accepted: what was just written, not read back (targets held here sent, the others queued).
    return toSummary(row, { sent: here.length, queued: targets.length - here.length }, []);
  }

  /** Runs one command on one machine and waits (up to `waitMs`) for its outcome. */
  async run(
    principal: Principal,
    machineRef: string,
    request: { name: CommandName; args: Record<string, unknown>; ttlMs?: number; waitMs?: number },
  ): Promise<CommandTargetResult> {
    const permission = commandPermissions[request.name];
    const machine = await this.machines.find(principal.scope(permission.feature, permission.level), machineRef);
    const created = await this.create(principal, {
      name: request.name,
      args: request.args,
      targets: { machines: [machine.id] },
      ...(request.ttlMs ? { ttlMs: request.ttlMs } : {}),
    });
    return this.outcomeWithin(created.id, machine.id, request.waitMs ?? 30_000);
  }

  /** How a command ends on one machine, waiting up to `waitMs` (then its state of the moment). */
  async outcomeWithin(commandId: string, machineId: string, waitMs: number): Promise<CommandTargetResult> {
    // Subscribed before anything else is awaited, so no outcome can slip past.
    let off = () => {};
    const settled = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, waitMs);
      off = this.bus.subscribe('command.settled', ({ commandId: id, machineIds }) => {
        if (id === commandId && machineIds.includes(machineId)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    try {
      const current = await this.repo.target(commandId, machineId);
      if (current && !['queued', 'sent'].includes(current.status)) return toResult(current);
      await settled;
      return toResult((await this.repo.target(commandId, machineId))!);
    } finally {
      off();
    }
  }

  /** A command is visible to the user who sent it and to Super-Admins. */
  private async visible(principal: Principal, id: string): Promise<CommandsTable> {
    const row = await this.repo.find(id);
    if (!row || (!principal.superAdmin && row.created_by !== principal.username))
      throw new PonsError('PONS_E_COMMAND_NOT_FOUND', `No command ${id} is visible to you.`);
    return row;
  }

  async summary(principal: Principal, id: string): Promise<CommandSummary> {
    return this.summaryOf(await this.visible(principal, id));
  }

  async results(principal: Principal, id: string, limit: number, offset: number): Promise<{ items: CommandTargetResult[]; total: number }> {
    const row = await this.visible(principal, id);
    return { items: (await this.repo.results(id, limit, offset)).map(toResult), total: row.target_count };
  }

  private async summaryOf(row: CommandsTable): Promise<CommandSummary> {
    return toSummary(row, await this.repo.counts(row.id), await this.repo.timings(row.id));
  }

  // ---- for the gateway ----

  /** Every machine a command is for (to build the set it is signed for). */
  targetIds(commandId: string): Promise<string[]> {
    return this.repo.targetIds(commandId);
  }

  claim(commandId: string, machineIds: string[]): Promise<string[]> {
    return this.repo.claim(commandId, machineIds, this.clock.now(), this.bus.nodeId);
  }

  /** What waits for these machines, by command, oldest command first. */
  async queuedFor(machineIds: string[]): Promise<Array<{ command: StoredCommand; machineIds: string[] }>> {
    const byCommand = new Map<string, { command: StoredCommand; machineIds: string[] }>();
    for (const row of await this.repo.queuedFor(machineIds, this.clock.now())) {
      const entry = byCommand.get(row.id);
      if (entry) entry.machineIds.push(row.target_machine_id);
      else byCommand.set(row.id, { command: toStored(row), machineIds: [row.target_machine_id] });
    }
    return [...byCommand.values()];
  }

  recordAnswer(machineId: string, frame: ResultFrame, receivedAt: number, sentAt: number | null = null): void {
    const status = frame.status === 'ok' ? 'succeeded' : frame.status === 'rejected' ? 'rejected' : 'failed';
    this.outcomes.record({
      commandId: frame.commandId,
      machineId,
      status,
      completedAt: receivedAt,
      sentAt,
      output: capOutput(frame.output),
      errorCode: frame.status === 'ok' ? null : (frame.error?.code ?? 'PONS_E_INTERNAL'),
      errorMessage: frame.status === 'ok' ? null : (frame.error?.message ?? 'The agent gave no reason.'),
    });
  }

  recordLost(machineId: string, commandIds: Iterable<string>, message: string): void {
    const at = this.clock.now();
    for (const commandId of commandIds) {
      this.outcomes.record({
        commandId,
        machineId,
        status: 'failed',
        completedAt: at,
        sentAt: null,
        output: null,
        errorCode: 'PONS_E_COMMAND_LOST',
        errorMessage: message,
      });
    }
  }

  /** Ends targets whose command expired (scheduler). */
  async expireDue(): Promise<number> {
    await this.outcomes.flush();
    return this.repo.expire(this.clock.now());
  }
}

function toSummary(
  row: CommandsTable,
  counts: Partial<Record<string, number>>,
  timings: ReadonlyArray<{ sent_at: number | null; completed_at: number | null }>,
): CommandSummary {
  const completed = timings.flatMap((t) => (t.completed_at === null ? [] : [t.completed_at]));
  const trips = timings
    .flatMap((t) => (t.completed_at !== null && t.sent_at !== null ? [t.completed_at - t.sent_at] : []))
    .sort((a, b) => a - b);
  return {
    id: row.id,
    name: row.name,
    args: JSON.parse(row.args) as Record<string, unknown>,
    targetKind: row.target_kind,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    total: row.target_count,
    counts: {
      queued: counts.queued ?? 0,
      sent: counts.sent ?? 0,
      succeeded: counts.succeeded ?? 0,
      failed: counts.failed ?? 0,
      rejected: counts.rejected ?? 0,
      expired: counts.expired ?? 0,
    },
    firstReplyAt: completed.length > 0 ? Math.min(...completed) : null,
    lastReplyAt: completed.length > 0 ? Math.max(...completed) : null,
    roundTripMs: trips.length > 0 ? { p50: percentile(trips, 0.5), p99: percentile(trips, 0.99), max: trips.at(-1)! } : null,
  };
}
