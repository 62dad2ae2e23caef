import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** Thrown when the environment holds bad values; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const port = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a whole number from 0 to 65535' })
    .int('must be a whole number from 0 to 65535')
    .min(0, 'must be a whole number from 0 to 65535')
    .max(65535, 'must be a whole number from 0 to 65535')
    .default(fallback);

/** JVM memory sizes as Neo4j and Java read them: 512m, 2g, 1024k. */
const memorySize = (fallback: string) =>
  z
    .string()
    .regex(/^\d+[kmgKMG]$/, 'must be a size such as 512m or 2g')
    .default(fallback);

/** `name:token,name:token` (the name is optional and shows in the audit history); tokens of 16+ characters. */
const tokenList = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map((entry) => {
        const colon = entry.lastIndexOf(':');
        return colon > 0 ? { name: entry.slice(0, colon), token: entry.slice(colon + 1) } : { name: 'token', token: entry };
      }),
  )
  .refine((tokens) => tokens.every((entry) => entry.token.length >= 16), 'each token must hold at least 16 characters');

export interface TokenEntry {
  name: string;
  token: string;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1']);

const environmentSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port(4000),
  DATA_DIR: z.string().min(1).default('.data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOAD_FOUNDING_CASE: booleanText.default(true),
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, 'must be a neo4j://, neo4j+s://, bolt:// or bolt+s:// URI')
    .optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().min(1).optional(),
  NEO4J_BOLT_PORT: port(0),
  NEO4J_HEAP: memorySize('768m'),
  NEO4J_PAGECACHE: memorySize('256m'),
  NEO4J_START_TIMEOUT_S: z.coerce.number().int().min(5).max(600).default(180),
  NEO4J_TX_TIMEOUT_S: z.coerce.number().int().min(1).max(3600).default(30),
  EDITOR_TOKENS: tokenList.optional(),
  READER_TOKENS: tokenList.optional(),
  REQUIRE_TOKEN_FOR_READS: booleanText.default(false),
  CORS_ORIGINS: z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .refine(
      (origins) => origins.every((origin) => /^https?:\/\/[^/\s]+$/.test(origin)),
      'must list origins such as https://intel.example.org, comma-separated',
    )
    .default([]),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(512 * 1024 * 1024)
    .default(32 * 1024 * 1024),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(50).default(12),
  MAX_QUERY_ALIASES: z.coerce.number().int().min(1).max(500).default(30),
  MAX_QUERY_TOKENS: z.coerce.number().int().min(100).max(100_000).default(5_000),
  MAX_QUERY_COST: z.coerce.number().int().min(10).max(10_000_000).default(50_000),
  WORKER_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  HEAVY_WORK_TIMEOUT_S: z.coerce.number().int().min(1).max(3600).default(60),
  MAX_HEAVY_PER_CLIENT: z.coerce.number().int().min(1).max(100).default(2),
  PATH_PROJECTION_MAX_LINKS: z.coerce.number().int().min(0).max(20_000_000).default(1_000_000),
  HEAP_GROWTH_PERCENT: z.coerce.number().int().min(0).max(400).default(100),
});

export interface EmbeddedNeo4jConfig {
  /** Folder holding the store, logs, password and cached classpath. */
  home: string;
  boltPort: number;
  heap: string;
  pageCache: string;
  startTimeoutMs: number;
  txTimeoutSeconds: number;
  /**
   * Optional libraries on the JVM's classpath, each a profile of neo4j/pom.xml. Only the benchmark asks for one
   * (`gds`, the Graph Data Science library, for its peers); the app and the tests run without.
   */
  plugins?: readonly EmbeddedPlugin[];
}

export type EmbeddedPlugin = 'gds';

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  loadFoundingCase: boolean;
  /** Where the built client lives; served at `/`. */
  clientDir: string;
  limits: {
    corsOrigins: string[];
    maxBodyBytes: number;
    maxDepth: number;
    maxAliases: number;
    maxTokens: number;
    maxCost: number;
  };
  /**
   * How far V8 lets each JavaScript heap of the server (the request thread's and every worker's) grow past what the
   * last full collection kept, in percent; 0 leaves it to V8, which lets a busy heap grow up to fourfold
   * (server/heap-growth.ts says what it changes).
   */
  heapGrowthPercent: number;
  /** Heavy work off the request thread (server/work/): worker threads, their time limit, the per-client budget. */
  work: {
    threads: number;
    timeLimitMs: number;
    maxHeavyPerClient: number;
    /**
     * Most links between entities the path search holds in memory (server/work/path-projection.ts, about 40 bytes
     * each); a larger graph is searched in Neo4j only, and 0 turns the projection off.
     */
    projectionMaxLinks: number;
  };
  auth: {
    editors: TokenEntry[];
    readers: TokenEntry[];
    /** True when bound to loopback with no configured tokens: a local editor token is generated in DATA_DIR. */
    localEditor: boolean;
    /** Reads need a token when the server is reachable beyond loopback, or when REQUIRE_TOKEN_FOR_READS is set. */
    readsNeedToken: boolean;
  };
  neo4j:
    | { mode: 'external'; uri: string; user: string; password: string; database?: string; txTimeoutSeconds: number }
    | { mode: 'embedded'; user: 'neo4j'; database?: string; embedded: EmbeddedNeo4jConfig };
}

const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/**
 * For entry points (the server, the CLIs): the config, or the ConfigError's message on stderr and exit code 2,
 * the code every command of the project uses for a bad setting.
 */
export function loadConfigOrExit(): Readonly<Config> {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}

/** Parses the environment once into a frozen, typed Config; throws ConfigError naming every bad variable. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  // Empty strings are treated as unset, as shells and .env files often leave them.
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `${name}=${JSON.stringify(environment[name] ?? '')} ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const env = parsed.data;
  if (env.NEO4J_URI && env.NEO4J_PASSWORD === undefined) {
    throw new ConfigError(['NEO4J_PASSWORD must be set when NEO4J_URI is set']);
  }
  const editors = env.EDITOR_TOKENS ?? [];
  const readers = env.READER_TOKENS ?? [];
  const loopback = loopbackHosts.has(env.HOST);
  if (!loopback && editors.length + readers.length === 0) {
    throw new ConfigError([
      `HOST=${JSON.stringify(env.HOST)} is beyond loopback: set EDITOR_TOKENS (and READER_TOKENS) so nobody else can write`,
    ]);
  }
  const dataDir = path.resolve(projectRoot, env.DATA_DIR);
  const config: Config = {
    host: env.HOST,
    port: env.PORT,
    dataDir,
    logLevel: env.LOG_LEVEL,
    loadFoundingCase: env.LOAD_FOUNDING_CASE,
    clientDir: path.join(projectRoot, 'dist', 'client'),
    limits: {
      corsOrigins: env.CORS_ORIGINS,
      maxBodyBytes: env.MAX_BODY_BYTES,
      maxDepth: env.MAX_QUERY_DEPTH,
      maxAliases: env.MAX_QUERY_ALIASES,
      maxTokens: env.MAX_QUERY_TOKENS,
      maxCost: env.MAX_QUERY_COST,
    },
    heapGrowthPercent: env.HEAP_GROWTH_PERCENT,
    work: {
      // One core is left to the event loop (and, on a small machine, to Neo4j).
      threads: env.WORKER_THREADS ?? Math.max(1, Math.min(4, os.availableParallelism() - 1)),
      timeLimitMs: env.HEAVY_WORK_TIMEOUT_S * 1000,
      maxHeavyPerClient: env.MAX_HEAVY_PER_CLIENT,
      projectionMaxLinks: env.PATH_PROJECTION_MAX_LINKS,
    },
    auth: {
      editors,
      readers,
      localEditor: loopback && editors.length === 0,
      readsNeedToken: !loopback || env.REQUIRE_TOKEN_FOR_READS,
    },
    neo4j: env.NEO4J_URI
      ? {
          mode: 'external',
          uri: env.NEO4J_URI,
          user: env.NEO4J_USER,
          password: env.NEO4J_PASSWORD ?? '',
          database: env.NEO4J_DATABASE,
          txTimeoutSeconds: env.NEO4J_TX_TIMEOUT_S,
        }
      : {
          mode: 'embedded',
          user: 'neo4j',
          database: env.NEO4J_DATABASE,
          embedded: {
            home: path.join(dataDir, 'neo4j'),
            boltPort: env.NEO4J_BOLT_PORT,
            heap: env.NEO4J_HEAP,
            pageCache: env.NEO4J_PAGECACHE,
            startTimeoutMs: env.NEO4J_START_TIMEOUT_S * 1000,
            txTimeoutSeconds: env.NEO4J_TX_TIMEOUT_S,
          },
        },
  };
  return Object.freeze(config);
}

export { projectRoot };
