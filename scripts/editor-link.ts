import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { ensureLocalEditorToken, localEditorName } from '../server/auth.js';
import { loadConfigOrExit, type TokenEntry } from '../server/config.js';
import { loginLinkTtlMs, mintLoginCode } from '../server/login-links.js';

// npm run editor-link [-- --name alice]: prints a single-use login link for the explorer running on this
// DATA_DIR. The link carries a code, not the token (server/login-links.ts), so it is worthless once used or
// 15 minutes old. Without --name: the local editor's link (a loopback server without EDITOR_TOKENS); with it,
// the link for that configured token (EDITOR_TOKENS or READER_TOKENS), for an administrator to hand out.
const program = new Command()
  .name('npm run editor-link --')
  .description('Print a single-use login link (valid 15 minutes) for the explorer on this DATA_DIR.')
  .option('-n, --name <name>', 'the name of a configured token (EDITOR_TOKENS or READER_TOKENS) to log in as')
  .showHelpAfterError();
program.parse();
const options = program.opts<{ name?: string }>();

function main(): number {
  const config = loadConfigOrExit();
  let entry: TokenEntry | undefined;
  if (options.name) {
    entry = [...config.auth.editors, ...config.auth.readers].find((candidate) => candidate.name === options.name);
    if (!entry) {
      process.stderr.write(`No token named "${options.name}" in EDITOR_TOKENS or READER_TOKENS.\n`);
      return 1;
    }
  } else if (config.auth.localEditor) {
    entry = { name: localEditorName(), token: ensureLocalEditorToken(config.dataDir).token };
  } else {
    process.stderr.write('This server uses configured tokens (EDITOR_TOKENS): name one with --name <name>.\n');
    return 1;
  }
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
  process.stdout.write(`${url}/?login=${mintLoginCode(entry)}\n`);
  process.stderr.write(
    `Login link for ${entry.name}: open it within ${loginLinkTtlMs / 60_000} minutes; it works once.${running ? '' : ` (No explorer seems to run on DATA_DIR=${config.dataDir}; start it with npm start.)`}\n`,
  );
  return 0;
}

// exitCode, not exit(): stdout may be a pipe still being written.
process.exitCode = main();
