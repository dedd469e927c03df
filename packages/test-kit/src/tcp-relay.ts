import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay between an agent and the server that can go silent: it stops carrying bytes in
 * both directions and never closes the server's side. That is what the server sees when a host
 * loses power or its cable is pulled: no close, no answer, just silence. With `idleTimeoutMs` it
 * acts as the proxies people complain of: a connection with no byte either way for that long is cut.
 */
export class TcpRelay {
  private server: Server | null = null;
  private readonly pairs = new Set<[Socket, Socket]>();
  private silent = false;
  port = 0;

  /** Connections cut for idleness so far. */
  idleCuts = 0;

  constructor(
    private readonly target: { host: string; port: number },
    private readonly options: { idleTimeoutMs?: number } = {},
  ) {}

  start(): Promise<this> {
    return new Promise((resolve) => {
      this.server = createServer((inbound) => {
        const outbound = connect(this.target.port, this.target.host);
        const pair: [Socket, Socket] = [inbound, outbound];
        this.pairs.add(pair);
        let lastByteAt = Date.now();
        inbound.on('data', (chunk) => {
          lastByteAt = Date.now();
          return this.silent || outbound.write(chunk);
        });
        outbound.on('data', (chunk) => {
          lastByteAt = Date.now();
          return this.silent || inbound.write(chunk);
        });
        const idle = this.options.idleTimeoutMs;
        let tickAt = Date.now();
        const watch = idle
          ? setInterval(() => {
              // A tick that comes late follows a stall of this process (a test hashing 200 MB):
              // bytes that arrived meanwhile are not read yet, so it judges nothing.
              const late = Date.now() - tickAt > 1000;
              tickAt = Date.now();
              if (late || Date.now() - lastByteAt < idle) return;
              this.idleCuts++;
              closeBoth();
            }, 250)
          : null;
        const closeBoth = () => {
          if (watch) clearInterval(watch);
          if (this.silent) return;
          inbound.destroy();
          outbound.destroy();
          this.pairs.delete(pair);
        };
        inbound.on('close', closeBoth);
        outbound.on('close', closeBoth);
        inbound.on('error', () => undefined);
        outbound.on('error', () => undefined);
      });
      this.server.listen(0, '127.0.0.1', () => {
        this.port = (this.server!.address() as { port: number }).port;
        resolve(this);
      });
    });
  }

  /** From now on nothing crosses, and nothing is closed. */
  silence(): void {
    this.silent = true;
  }

  async stop(): Promise<void> {
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    this.pairs.clear();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
