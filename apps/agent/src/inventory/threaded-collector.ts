import { Worker } from 'node:worker_threads';
import type { AgentFacts, InventoryDocument } from '@pons/protocol';
import type { InventoryCollector } from './collector.js';
import { osCollector } from './os-collector.js';

/**
 * Collects the full inventory in a worker thread. The hardware library it uses runs some of its
 * probes with synchronous child processes; on a busy machine those hold the event loop for
 * seconds, and an agent that cannot answer the server's pings in time is judged gone. In its own
 * thread the collection can take as long as it needs while the connection keeps answering.
 */
export class ThreadedCollector implements InventoryCollector {
  private readonly direct: InventoryCollector;

  constructor(
    private readonly platform: NodeJS.Platform,
    private readonly hostnameOverride: string | null,
  ) {
    this.direct = osCollector(platform, hostnameOverride);
  }

  facts(): Promise<AgentFacts> {
    return this.direct.facts();
  }

  hardwareIdentity(): Promise<{ smbiosUuid?: string; serial?: string }> {
    return this.direct.hardwareIdentity();
  }

  collect(): Promise<InventoryDocument> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./collect-thread.js', import.meta.url), {
        workerData: { platform: this.platform, hostnameOverride: this.hostnameOverride },
      });
      let document: InventoryDocument | null = null;
      worker.once('message', (message: InventoryDocument) => (document = message));
      worker.once('error', reject);
      worker.once('exit', (code) =>
        document ? resolve(document) : reject(new Error(`the inventory thread ended (${code}) without a document`)),
      );
    });
  }
}
