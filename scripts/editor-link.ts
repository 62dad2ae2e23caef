import fs from 'node:fs';
import path from 'node:path';
import { ensureLocalEditorToken, localEditorName } from '../server/auth.js';
import { ConfigError, loadConfig } from '../server/config.js';
import { loginLinkTtlMs, mintLoginCode } from '../server/login-links.js';

// npm run editor-link: prints a single-use editor link for the explorer running on this DATA_DIR. The link
// carries a code, not the token (server/login-links.ts), so it is worthless once used or 15 minutes old.
function main(): number {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (!config.auth.localEditor) {
    process.stderr.write(
      'This server uses configured tokens (EDITOR_TOKENS), not a local editor token: its administrator hands them out.\n',
    );
    return 1;
  }
  const { token } = ensureLocalEditorToken(config.dataDir);
  let url = `http://${config.host}:${config.port}`;
  let running = false;
  try {
    const state = JSON.parse(fs.readFileSync(path.join(config.dataDir, 'explorer.json'), 'utf8')) as { url: string; pid: number };
    process.kill(state.pid, 0);
    ({ url } = state);
    running = true;
  } catch {
    // not running (or not readable): the configured address is the best guess
  }
  const code = mintLoginCode({ name: localEditorName(), token });
  process.stdout.write(`${url}/?login=${code}\n`);
  process.stderr.write(
    `Editor link: open it in your browser within ${loginLinkTtlMs / 60_000} minutes; it works once.${running ? '' : ` (No explorer seems to run on DATA_DIR=${config.dataDir}; start it with npm start.)`}\n`,
  );
  return 0;
}

// exitCode, not exit(): stdout may be a pipe still being written.
process.exitCode = main();
