/**
 * `npm start` runs this first: a taken PORT (or a bad configuration) is said at once, before the client build
 * and long before Neo4j starts. The server checks again itself, for starts without npm.
 */
import { ConfigError, loadConfig } from '../server/config.js';
import { checkPortFree, PortInUseError } from '../server/port-check.js';

try {
  const config = loadConfig();
  await checkPortFree(config.host, config.port);
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof PortInUseError)) throw error;
  process.stderr.write(`${error instanceof PortInUseError ? 'Attribution Explorer could not start: ' : ''}${error.message}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
}
