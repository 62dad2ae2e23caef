import fs from 'node:fs';

/**
 * DATA_DIR holds the graph store as well as the secrets, so only its owner may enter it (mode 0700): a
 * store file left world-readable by the JVM's umask stays out of other local users' reach. An existing
 * folder that others can enter is closed; the chmod of a folder we do not own is left to its owner.
 */
export function ensurePrivateDataDir(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if ((fs.statSync(dataDir).mode & 0o077) === 0) return;
  try {
    fs.chmodSync(dataDir, 0o700);
  } catch {
    // Not ours to change (EPERM): the files we write in it are still 0600.
  }
}
