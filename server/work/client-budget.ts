import { QueryTooExpensiveError } from '../errors.js';

interface ClientState {
  running: number;
  waiting: (() => void)[];
}

/**
 * At most `perClient` heavy operations (path searches, exports, the largest neighbourhoods) run at once for
 * one client; more wait their turn in order, up to `maxWaiting`, and beyond that are refused. A client that asks
 * for many heavy things at once (30 aliased paths in one request, a script firing exports) then shares the
 * server with everyone else instead of taking it over. A client is a token's name (see HeavyWork.forViewer).
 */
export class ClientBudget {
  private readonly clients = new Map<string, ClientState>();

  constructor(
    private readonly perClient: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(client: string, work: () => Promise<T>): Promise<T> {
    let state = this.clients.get(client);
    if (!state) this.clients.set(client, (state = { running: 0, waiting: [] }));
    if (state.running < this.perClient) state.running += 1;
    else if (state.waiting.length >= this.maxWaiting) {
      throw new QueryTooExpensiveError(
        `${state.running} heavy operations (path searches, exports, large neighbourhoods) of yours are running and ${state.waiting.length} are waiting, the most one client may have (MAX_HEAVY_PER_CLIENT=${this.perClient} at a time). Wait for them, then ask again.`,
      );
    } else {
      // The slot is handed over by whoever finishes, so `running` stays as it is.
      await new Promise<void>((resolve) => state.waiting.push(resolve));
    }
    try {
      return await work();
    } finally {
      const next = state.waiting.shift();
      if (next) next();
      else if (--state.running === 0) this.clients.delete(client);
    }
  }

  /** Heavy operations running and waiting, over all clients, for /healthz. */
  load(): { running: number; waiting: number } {
    let running = 0;
    let waiting = 0;
    for (const state of this.clients.values()) {
      running += state.running;
      waiting += state.waiting.length;
    }
    return { running, waiting };
  }
}
