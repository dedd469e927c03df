import { hash } from 'node:crypto';

/**
 * A Merkle tree over the machines a command is for, so that one signature covers every target
 * and each agent still checks that it is one of them. The server signs the command addressed to
 * the tree's root (`set:<root>`); each agent receives its own machine id with the sibling hashes
 * from its leaf to the root (its proof), rebuilds the root and checks the signature over it. A
 * relay cannot add a machine to the set: that would take a SHA-256 second preimage.
 *
 * Leaves and inner nodes are hashed with different prefixes (0x00, 0x01), and each pair is hashed
 * in sorted order, so a proof is just the list of siblings, without left/right flags. A node
 * without a sibling moves up unchanged and adds nothing to the proof.
 */

/** Sibling hashes in a proof: one per level, so 2^40 machines would still fit. */
export const MAX_PROOF_LENGTH = 40;

// One-shot hashing: a Hash object per node costs more than the hashing itself. A leaf is the
// byte 0x00 and the id's UTF-8 (hashed from a string: no intermediate buffers); an inner node is
// 0x01 and its two children, written into one scratch buffer (hashing is synchronous).
const leafHash = (machineId: string): Buffer => hash('sha256', `\u0000${machineId}`, 'buffer');
const scratch = Buffer.alloc(65);

function nodeHash(a: Buffer, b: Buffer): Buffer {
  const ordered = Buffer.compare(a, b) <= 0;
  scratch[0] = 1;
  (ordered ? a : b).copy(scratch, 1);
  (ordered ? b : a).copy(scratch, 33);
  return hash('sha256', scratch, 'buffer');
}

export class TargetSet {
  /** base64url SHA-256 of the tree: what the command's signature covers. */
  readonly root: string;
  /** Every node's hash, base64url, level by level from the leaves: proofs are picked, not encoded. */
  private readonly levels: string[][];
  private readonly position: Map<string, number>;

  /** The order of `machineIds` does not matter: the tree is built over them sorted. */
  constructor(machineIds: Iterable<string>) {
    const ids = [...new Set(machineIds)].sort();
    if (ids.length === 0) throw new Error('a target set needs at least one machine');
    this.position = new Map(ids.map((id, i) => [id, i]));
    const encode = (hashes: Buffer[]) => hashes.map((h) => h.toString('base64url'));
    let level = ids.map(leafHash);
    this.levels = [encode(level)];
    while (level.length > 1) {
      const next: Buffer[] = [];
      for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? nodeHash(level[i]!, level[i + 1]!) : level[i]!);
      this.levels.push(encode(next));
      level = next;
    }
    this.root = this.levels.at(-1)![0]!;
  }

  get size(): number {
    return this.position.size;
  }

  has(machineId: string): boolean {
    return this.position.has(machineId);
  }

  /** The sibling hashes from this machine's leaf up to the root. */
  proof(machineId: string): string[] {
    let index = this.position.get(machineId);
    if (index === undefined) throw new Error(`machine ${machineId} is not in this target set`);
    const proof: string[] = [];
    for (const level of this.levels.slice(0, -1)) {
      const sibling = index ^ 1;
      if (sibling < level.length) proof.push(level[sibling]!);
      index >>= 1;
    }
    return proof;
  }
}

/** A proof's sibling hash as sent: 32 bytes, base64url without padding. */
const SIBLING = /^[A-Za-z0-9_-]{43}$/;

/**
 * Tree nodes already rebuilt in this process, each with the root it leads to: a multi-proof
 * shared by agents of one process (the simulator). Once one member's path reached a node, any
 * other path reaching that node leads to the same root, so the rest of its hashes need not be
 * recomputed; every agent still hashes its own leaf with its own siblings up to a known node.
 * Leaf hashes are kept too (an agent's machine id does not change). Both maps are cleared when
 * full: memory stays bounded and a forgotten node is simply hashed again.
 */
export class KnownNodes {
  private readonly nodes = new Map<string, string>();
  private readonly leaves = new Map<string, Buffer>();

  constructor(private readonly max = 100_000) {}

  leaf(machineId: string): Buffer {
    let hash = this.leaves.get(machineId);
    if (!hash) {
      if (this.leaves.size >= this.max) this.leaves.clear();
      this.leaves.set(machineId, (hash = leafHash(machineId)));
    }
    return hash;
  }

  rootOf(node: string): string | undefined {
    return this.nodes.get(node);
  }

  learn(path: readonly string[], root: string): void {
    if (this.nodes.size + path.length > this.max) this.nodes.clear();
    // Unchanged entries are left alone: rewriting them would point old entries at young strings.
    for (const node of path) if (this.nodes.get(node) !== root) this.nodes.set(node, root);
  }
}

/**
 * The root a machine id and its proof lead to; null if the proof is malformed. With `known`, the
 * walk stops at the first node already known to lead to a root (the siblings left must still be
 * well formed), and the nodes it passed are remembered.
 */
export function targetSetRoot(machineId: string, proof: readonly string[], known?: KnownNodes): string | null {
  if (proof.length > MAX_PROOF_LENGTH) return null;
  let hash = known ? known.leaf(machineId) : leafHash(machineId);
  const path: string[] = [];
  for (let i = 0; i < proof.length; i++) {
    const bytes = Buffer.from(proof[i]!, 'base64url');
    if (bytes.length !== 32) return null;
    hash = nodeHash(hash, bytes);
    if (!known) continue;
    const node = hash.toString('base64url');
    const root = known.rootOf(node);
    if (root !== undefined) {
      if (!proof.slice(i + 1).every((sibling) => SIBLING.test(sibling))) return null;
      known.learn(path, root);
      return root;
    }
    path.push(node);
  }
  const root = hash.toString('base64url');
  known?.learn(path, root);
  return root;
}
