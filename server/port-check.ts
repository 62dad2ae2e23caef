import net from 'node:net';

/** The HTTP port is taken: said before Neo4j starts or anything loads, so a busy port costs a second, not a minute. */
export class PortInUseError extends Error {
  constructor(host: string, port: number, reason: string) {
    super(
      `PORT ${port} is not free on ${host} (${reason}): another program is listening there. Stop it, or start with another PORT (PORT=0 picks a free one).`,
    );
  }
}

/** Resolves when `port` can be bound on `host` (PORT=0 always can); the trial listener is closed again at once. */
export async function checkPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(new PortInUseError(host, port, error.code ?? error.message)));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}
