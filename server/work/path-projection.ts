import type { LinkProjectionData } from '../domain/paths/link-projection.js';
import { projectionSize } from '../domain/paths/link-projection.js';
import type { Logger } from '../logger.js';
import type { ProjectOutput } from './graph-worker.js';

/** How long after a write the projection is read again: a burst of writes (an import's files, an editing session) is one rebuild. */
const rebuildDelayMs = 1_000;
/** How often, at most, a search makes the holder ask Neo4j whether the graph changed (writes by another process). */
const recheckEveryMs = 5_000;

export type ProjectionState = 'off' | 'building' | 'ready' | 'too-large' | 'failed';

/**
 * Keeps the path search's in-memory links (server/domain/paths/link-projection.ts) on the main thread and hands them
 * to each search: built in a thread of its own at start, read again shortly after this server commits a write, and after a
 * search finds that another process changed the graph. A search checks the revision itself and reads Neo4j while
 * the projection is behind, so holding an old one costs speed, never correctness.
 */
export class PathProjection {
  private data: LinkProjectionData | null = null;
  private state: ProjectionState = 'building';
  private reason: string | null = null;
  private building = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private lastCheck = 0;
  private builtInMs: number | null = null;
  private closed = false;

  constructor(
    private readonly build: () => Promise<ProjectOutput>,
    private readonly readRevision: () => Promise<number>,
    private readonly logger: Logger,
  ) {}

  /** Reads it for the first time. */
  start(): void {
    void this.rebuild();
  }

  /** The graph changed: read it again soon (once for a burst). */
  changed(): void {
    if (this.state === 'too-large' || this.closed) return;
    if (this.building) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.rebuild();
    }, rebuildDelayMs);
    this.timer.unref();
  }

  /** What a search may read links from; now and then it also asks whether another process changed the graph. */
  current(): LinkProjectionData | null {
    const data = this.data;
    if (data && !this.building && !this.timer && Date.now() - this.lastCheck > recheckEveryMs) {
      this.lastCheck = Date.now();
      this.readRevision().then(
        (revision) => revision !== data.revision && this.changed(),
        () => undefined,
      );
    }
    return data;
  }

  /** For /healthz. */
  describe(): {
    state: ProjectionState;
    revision: number | null;
    entities: number;
    links: number;
    megabytes: number;
    builtInMs: number | null;
    reason: string | null;
  } {
    const size = this.data ? projectionSize(this.data) : { entities: 0, links: 0, megabytes: 0 };
    return { state: this.state, revision: this.data?.revision ?? null, ...size, builtInMs: this.builtInMs, reason: this.reason };
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.data = null;
  }

  private async rebuild(): Promise<void> {
    this.building = true;
    this.again = false;
    const started = performance.now();
    try {
      const output = await this.build();
      if (this.closed) return;
      if ('notBuilt' in output) {
        this.reason = output.notBuilt;
        // Too large stays so until restart; a graph that changed while it was read is read again.
        if (!output.retry) {
          this.state = 'too-large';
          this.data = null;
          this.logger.warn({ reason: output.notBuilt }, 'path searches read links from Neo4j: no in-memory projection');
        } else this.again = true;
      } else {
        this.data = output;
        this.state = 'ready';
        this.reason = null;
        this.builtInMs = Math.round(performance.now() - started);
        this.lastCheck = Date.now();
        this.logger.info({ ...projectionSize(output), revision: output.revision, ms: this.builtInMs }, 'path search links held in memory');
      }
    } catch (error) {
      if (this.closed) return;
      this.state = 'failed';
      this.reason = error instanceof Error ? error.message : String(error);
      this.logger.warn({ err: error }, 'reading the path search links into memory failed; searches read Neo4j');
    } finally {
      this.building = false;
      if (this.again && !this.closed) this.changed();
    }
  }
}
