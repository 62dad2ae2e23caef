import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { projectRoot, type EmbeddedNeo4jConfig, type EmbeddedPlugin } from '../config.js';
import { ensurePrivateDataDir, ensureSecretFile } from '../data-dir.js';
import type { Logger } from '../logger.js';

const launcherSource = path.join(projectRoot, 'neo4j', 'EmbeddedNeo4j.java');
const launcherPom = path.join(projectRoot, 'neo4j', 'pom.xml');

/** Java 17 needs these for Neo4j's off-heap page cache and native IO. */
const addOpens = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-opens=java.base/java.util=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
  '--add-opens=java.base/java.net=ALL-UNNAMED',
  '--add-exports=java.base/sun.nio.ch=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
];

export interface RunningNeo4j {
  uri: string;
  user: 'neo4j';
  password: string;
  port: number;
  version: string;
  pid: number;
  /** Resolves when the JVM has exited, whatever the reason. */
  exited: Promise<number | null>;
  hasExited(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the JVM is gone. */
  stop(graceMs?: number): Promise<void>;
}

export class EmbeddedNeo4jError extends Error {
  override name = 'EmbeddedNeo4jError';
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function runOrThrow(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, { encoding: 'utf8', cwd: projectRoot });
  if (result.error) {
    throw new EmbeddedNeo4jError(
      `${what}: could not run ${command} (${result.error.message}). Install JDK 17+ and Maven, or set NEO4J_URI to use another Neo4j.`,
    );
  }
  if (result.status !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new EmbeddedNeo4jError(`${what} failed (exit ${result.status}):\n${output}`);
  }
}

/**
 * What each optional library needs besides its jars: the settings that let its procedures run. GDS's procedures
 * are registered by its extension factories (found by service loading once the jars are on the classpath); they
 * need unrestricted access to the kernel, which Neo4j grants only to the names listed here.
 */
const pluginSettings: Record<EmbeddedPlugin, string[]> = {
  gds: ['dbms.security.procedures.unrestricted=gds.*'],
};

/**
 * Jars of a plugin whose procedures Neo4j must register. Embedded Neo4j registers procedures only from the jars in
 * its plugins folder (the classpath's are loaded, never scanned), so those jars are also linked into a folder of
 * the launcher cache that the plugin's settings name as server.directories.plugins.
 */
const pluginJars: Record<EmbeddedPlugin, RegExp> = { gds: /[\\/]org[\\/]neo4j[\\/]gds[\\/]/ };

function pluginsFolder(home: string, plugins: readonly EmbeddedPlugin[]): string {
  return path.join(home, 'launcher', `plugins-${[...new Set(plugins)].sort().join('-')}`);
}

/**
 * Resolves Neo4j's jars with Maven once and compiles the launcher once; both are cached in the
 * home folder and redone only when pom.xml or the launcher source change (or a jar went missing).
 * Plugins (profiles of pom.xml) have a classpath of their own, so asking for one never changes the plain one.
 */
export function prepareLauncher(home: string, logger: Logger, plugins: readonly EmbeddedPlugin[] = []): { argsFile: string } {
  const cacheDir = path.join(home, 'launcher');
  fs.mkdirSync(cacheDir, { recursive: true });
  const pomKey = sha(fs.readFileSync(launcherPom, 'utf8'));
  const profiles = [...new Set(plugins)].sort();
  const flavour = profiles.length > 0 ? `-${profiles.join('-')}` : '';
  const classpathFile = path.join(cacheDir, `classpath-${pomKey}${flavour}.txt`);
  const classpathIsUsable =
    fs.existsSync(classpathFile) &&
    fs
      .readFileSync(classpathFile, 'utf8')
      .trim()
      .split(path.delimiter)
      .every((jar) => fs.existsSync(jar));
  if (!classpathIsUsable) {
    logger.info({ plugins: profiles }, 'resolving Neo4j jars with Maven (first start only)');
    runOrThrow(
      'mvn',
      [
        '-q',
        '-B',
        '-f',
        launcherPom,
        ...(profiles.length > 0 ? [`-P${profiles.join(',')}`] : []),
        'dependency:build-classpath',
        `-Dmdep.outputFile=${classpathFile}`,
      ],
      `Resolving Neo4j${flavour ? ` with ${profiles.join(', ')}` : ''} with Maven`,
    );
  }
  const jars = fs.readFileSync(classpathFile, 'utf8').trim();
  if (profiles.length > 0) {
    const folder = pluginsFolder(home, profiles);
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(folder, { recursive: true });
    for (const jar of jars.split(path.delimiter)) {
      if (profiles.some((plugin) => pluginJars[plugin].test(jar))) fs.symlinkSync(jar, path.join(folder, path.basename(jar)));
    }
  }
  // Argument files keep the 200-jar classpath off the command line (and out of `ps`).
  const compileArgs = path.join(cacheDir, `compile${flavour}.args`);
  fs.writeFileSync(compileArgs, `-cp "${jars}"\n`);
  const sourceKey = sha(fs.readFileSync(launcherSource, 'utf8') + pomKey);
  const classesDir = path.join(cacheDir, `classes-${sourceKey}`);
  if (!fs.existsSync(path.join(classesDir, 'EmbeddedNeo4j.class'))) {
    logger.info('compiling the embedded Neo4j launcher');
    runOrThrow('javac', [`@${compileArgs}`, '-d', classesDir, launcherSource], 'Compiling neo4j/EmbeddedNeo4j.java');
  }
  const argsFile = path.join(cacheDir, `launch${flavour}.args`);
  fs.writeFileSync(argsFile, `-cp "${classesDir}${path.delimiter}${jars}"\n`);
  return { argsFile };
}

/**
 * The embedded instance's password: generated on first start, kept in DATA_DIR with mode 0600. The launcher
 * sets it on every start, so a deleted file only means a new password.
 */
export function ensurePassword(dataDir: string): string {
  return ensureSecretFile(dataDir, 'neo4j-password', 'embedded Neo4j password').secret;
}

export function passwordFile(dataDir: string): string {
  return path.join(dataDir, 'neo4j-password');
}

/**
 * A second explorer on the same DATA_DIR would find Neo4j's store locked; say so up front, naming the folder and
 * the process that has it (from the state file the running one keeps, if its parent is still alive).
 */
function refuseIfInUse(dataDir: string): void {
  const stateFile = path.join(dataDir, 'embedded-neo4j.json');
  let state: { pid?: number; parentPid?: number; port?: number };
  try {
    state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
  } catch {
    return; // none, or unreadable: Neo4j's own store lock is the last word
  }
  const alive = (pid: number | undefined) => {
    if (!pid || pid === process.pid) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  };
  if (state.parentPid !== process.pid && alive(state.pid) && alive(state.parentPid)) {
    throw new EmbeddedNeo4jError(
      `DATA_DIR=${dataDir} is in use: process ${state.parentPid} runs its Neo4j (pid ${state.pid}, Bolt port ${state.port}). Stop that Attribution Explorer first, or start this one with another DATA_DIR.`,
    );
  }
}

/** Asks the kernel for a free loopback port. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function writeNeo4jConf(home: string, config: EmbeddedNeo4jConfig): string {
  const confFile = path.join(home, 'embedded.conf');
  const lines = [
    `server.memory.pagecache.size=${config.pageCache}`,
    `db.transaction.timeout=${config.txTimeoutSeconds}s`,
    // No network beyond loopback: nothing to report to, nothing to look up.
    'dbms.usage_report.enabled=false',
    // No lockout after failed logins: any local user can reach the loopback Bolt port, and with the default
    // (3 failures lock the user for 5 s) a loop of wrong passwords locked the app out of its own database.
    // Guessing is no way in: the password is 24 random bytes (192 bits), unguessable at any rate (docs/security.md).
    'dbms.security.auth_max_failed_attempts=0',
    // Bolt waits up to 5 s + 5 s + 15 s for clients that are already gone; we stop only after our driver closed.
    'internal.server.bolt.connection_shutdown_wait_time=500ms',
    'internal.server.bolt.thread_pool_shutdown_wait_time=500ms',
    'internal.dbms.bolt.netty_server_shutdown_quiet_period=0',
    'internal.dbms.bolt.netty_server_shutdown_timeout=2',
    ...(config.plugins?.length ? [`server.directories.plugins=${pluginsFolder(home, config.plugins)}`] : []),
    ...(config.plugins ?? []).flatMap((plugin) => pluginSettings[plugin]),
  ];
  fs.writeFileSync(confFile, lines.join('\n') + '\n');
  return confFile;
}

/**
 * Starts Neo4j in a child JVM and resolves once its Bolt connector accepts connections.
 * The JVM reads our pipe as its lifeline: when this process dies, even by SIGKILL, the JVM exits too.
 */
export async function startEmbeddedNeo4j(config: EmbeddedNeo4jConfig, dataDir: string, logger: Logger): Promise<RunningNeo4j> {
  ensurePrivateDataDir(dataDir);
  refuseIfInUse(dataDir);
  try {
    fs.mkdirSync(config.home, { recursive: true });
  } catch (error) {
    throw new EmbeddedNeo4jError(`The Neo4j folder ${config.home} cannot be created: ${(error as Error).message}.`);
  }
  const password = ensurePassword(dataDir);
  const { argsFile } = prepareLauncher(config.home, logger, config.plugins);
  const confFile = writeNeo4jConf(config.home, config);
  const port = config.boltPort || (await findFreePort());

  const jvmArgs = [`-Xms${config.heap}`, `-Xmx${config.heap}`, '-XX:+UseG1GC', '-XX:+ExitOnOutOfMemoryError', ...addOpens, `@${argsFile}`];
  const child: ChildProcess = spawn(
    'java',
    [
      ...jvmArgs,
      'EmbeddedNeo4j',
      '--home',
      config.home,
      '--port',
      String(port),
      '--password-file',
      passwordFile(dataDir),
      '--config',
      confFile,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'], cwd: config.home },
  );

  const stderrTail: string[] = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderrTail.push(...chunk.split('\n').filter(Boolean));
    stderrTail.splice(0, Math.max(0, stderrTail.length - 20));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const ready = new Promise<{ version: string }>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new EmbeddedNeo4jError(`Neo4j did not become ready within ${config.startTimeoutMs / 1000} s`));
    }, config.startTimeoutMs);
    lines.on('line', (line) => {
      let event: { event?: string; version?: string; message?: string };
      try {
        event = JSON.parse(line);
      } catch {
        logger.debug({ line }, 'neo4j stdout');
        return;
      }
      if (event.event === 'ready') {
        clearTimeout(timer);
        resolve({ version: event.version ?? 'unknown' });
      } else if (event.event === 'error') {
        clearTimeout(timer);
        reject(
          new EmbeddedNeo4jError(
            /locked by another process|FileLockException/i.test(event.message ?? '')
              ? `The Neo4j store in ${config.home} is locked by another process: another Attribution Explorer or \`npm run import\` is using DATA_DIR=${dataDir}. Stop it, or start with another DATA_DIR.`
              : `Neo4j failed to start: ${event.message}`,
          ),
        );
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new EmbeddedNeo4jError(`Could not start java (${error.message}). Install JDK 17+, or set NEO4J_URI.`));
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new EmbeddedNeo4jError(`Neo4j exited during start-up (code ${code}):\n${stderrTail.join('\n')}`));
    });
  });

  const { version } = await ready;
  logger.info({ port, version, pid: child.pid }, 'embedded Neo4j ready');
  const stateFile = path.join(dataDir, 'embedded-neo4j.json');
  fs.writeFileSync(stateFile, JSON.stringify({ pid: child.pid, port, version, parentPid: process.pid }) + '\n', { mode: 0o600 });
  void exited.then(() => fs.rmSync(stateFile, { force: true }));

  return {
    uri: `bolt://127.0.0.1:${port}`,
    user: 'neo4j',
    password,
    port,
    version,
    pid: child.pid ?? -1,
    exited,
    hasExited: () => child.exitCode !== null || child.signalCode !== null,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(killer);
    },
  };
}
