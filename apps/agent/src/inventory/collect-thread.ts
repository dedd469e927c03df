/**
 * Runs one full inventory collection in a worker thread and posts the document back (see
 * ThreadedCollector). Started with `workerData: { platform, hostnameOverride }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { osCollector } from './os-collector.js';

const { platform, hostnameOverride } = workerData as { platform: NodeJS.Platform; hostnameOverride: string | null };
parentPort!.postMessage(await osCollector(platform, hostnameOverride).collect());
