import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A problem with DATA_DIR or a file in it, worded for the person starting the server: it names the path. */
export class DataDirError extends Error {
  override name = 'DataDirError';
}

/**
 * DATA_DIR holds the graph store as well as the secrets, so only its owner may enter it (mode 0700): a
 * store file left world-readable by the JVM's umask stays out of other local users' reach. An existing
 * folder that others can enter is closed; the chmod of a folder we do not own is left to its owner.
 */
export function ensurePrivateDataDir(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new DataDirError(
      `DATA_DIR=${dataDir} cannot be used as the data folder: ${reason(error)}. Set DATA_DIR to a folder you may write.`,
    );
  }
  const stat = fs.statSync(dataDir);
  if (!stat.isDirectory()) throw new DataDirError(`DATA_DIR=${dataDir} is a file, not a folder. Set DATA_DIR to a folder.`);
  if ((stat.mode & 0o077) === 0) return;
  try {
    fs.chmodSync(dataDir, 0o700);
  } catch {
    // Not ours to change (EPERM): the files we write in it are still 0600.
  }
}

/** A secret we generate: 24 random bytes in base64url, 32 characters. Files may hold any printable token of 8+. */
const secretPattern = /^[\x21-\x7e]{8,512}$/;

/**
 * A secret kept in DATA_DIR (the Neo4j password, the local editor token): created with mode 0600 on first use,
 * set back to 0600 at every start, and checked before use, so that a folder, a binary or an empty file in its
 * place stops the start with a message naming the file instead of a stack trace from whoever reads it next.
 */
export function ensureSecretFile(dataDir: string, name: string, what: string): { secret: string; created: boolean } {
  ensurePrivateDataDir(dataDir);
  const file = path.join(dataDir, name);
  const remedy = `Delete it and a new ${what} is generated at the next start.`;
  let created = false;
  if (!fs.existsSync(file)) {
    try {
      fs.writeFileSync(file, randomBytes(24).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
      created = true;
    } catch (error) {
      throw new DataDirError(`${file} (the ${what}) could not be written: ${reason(error)}.`);
    }
  }
  const stat = fs.lstatSync(file);
  if (!stat.isFile()) throw new DataDirError(`${file} should be the file holding the ${what}, but it is ${kindOf(stat)}. ${remedy}`);
  try {
    fs.chmodSync(file, 0o600);
  } catch (error) {
    throw new DataDirError(`${file} (the ${what}) cannot be made private (mode 0600): ${reason(error)}.`);
  }
  const bytes = fs.readFileSync(file);
  const secret = bytes.toString('utf8').trim();
  if (!secretPattern.test(secret)) {
    const found =
      bytes.length === 0
        ? 'it is empty'
        : /[^\x20-\x7e\r\n\t]/.test(bytes.toString('latin1'))
          ? 'it holds binary data'
          : 'it holds no usable secret (8-512 printable characters without spaces)';
    throw new DataDirError(`${file} should hold the ${what}, but ${found}. ${remedy}`);
  }
  return { secret, created };
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isSymbolicLink()) return 'a symbolic link (secrets must be plain files)';
  return 'not a regular file';
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EROFS: 'the file system is read-only',
    ENOSPC: 'the disk is full',
    EEXIST: 'a file is in the way',
  };
  return (code && known[code]) ?? (error instanceof Error ? error.message : String(error));
}
