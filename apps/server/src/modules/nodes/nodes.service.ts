import { hostname } from 'node:os';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logger.js';
import { NodesRepository } from './nodes.repository.js';

export interface NodeIdentity {
  id: string;
  name: string;
  roles: string[];
  url: string;
}

export interface NodeLoss {
  /** Runs of this very node that ended without stopping cleanly (a crash, a kill -9). */
  restarted: string[];
  /** Other nodes that went silent. */
  lost: string[];
}

/**
 * The server processes sharing the database: each registers at start, heartbeats, and says when
 * it stops. A node that goes silent longer than `deadAfterMs` is lost; whoever runs the scheduler
 * then hands its machines and commands to their fate (offline, failed with a cause).
 */
export class NodesService {
  private readonly repo: NodesRepository;

  constructor(
    db: Db,
    private readonly clock: Clock,
    readonly self: NodeIdentity,
    private readonly deadAfterMs: number,
    private readonly log: Logger,
  ) {
    this.repo = new NodesRepository(db);
  }

  async register(): Promise<string[]> {
    const now = this.clock.now();
    await this.repo.insert({
      id: this.self.id,
      name: this.self.name,
      roles: this.self.roles.join(','),
      url: this.self.url,
      started_at: now,
      heartbeat_at: now,
      stopped_at: null,
    });
    const earlier = (await this.repo.earlierRuns(this.self.name, this.self.id)).map((n) => n.id);
    await this.repo.stopped(earlier, now);
    this.log.info({ node: this.self.id, name: this.self.name, host: hostname(), roles: this.self.roles }, 'node registered');
    return earlier;
  }

  heartbeat(): Promise<void> {
    return this.repo.heartbeat(this.self.id, this.clock.now());
  }

  /** Finds nodes silent for too long and marks them stopped; returns them for clean-up. */
  async reapSilent(): Promise<string[]> {
    const now = this.clock.now();
    const silent = (await this.repo.silentSince(now - this.deadAfterMs)).filter((n) => n.id !== this.self.id).map((n) => n.id);
    if (silent.length > 0) {
      await this.repo.stopped(silent, now);
      this.log.warn({ nodes: silent }, 'server node lost: no heartbeat');
    }
    return silent;
  }

  async stop(): Promise<void> {
    await this.repo.stopped([this.self.id], this.clock.now());
  }
}
