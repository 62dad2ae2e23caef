import { spawn } from 'node:child_process';

/** The packages the export tests check files with; .ci/run installs them. */
export const pythonPackages = 'stix2-validator stix2 networkx';

/**
 * Runs a small Python script with `input` on its standard input and resolves to its standard output parsed
 * as JSON. A missing python3 or package fails loudly with the command that fixes it: the checks these
 * scripts make are the point of the tests, so they must never be skipped quietly. Asynchronous, so a test
 * server in the same process keeps answering (and closing idle connections) while Python works.
 */
export function runPython<T>(script: string, input: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.env.PYTHON ?? 'python3', ['-c', script], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) =>
      reject(new Error(`python3 could not be run (${error.message}); install Python 3 and then: pip install ${pythonPackages}`)),
    );
    child.on('close', (status) => {
      if (status === 0) return resolve(JSON.parse(stdout) as T);
      const missing = /ModuleNotFoundError: No module named '([^']+)'/.exec(stderr);
      if (missing) reject(new Error(`Python module ${missing[1]} is missing; install it with: pip install ${pythonPackages}`));
      else reject(new Error(`the Python check failed (exit ${status}):\n${stderr.trim()}`));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}
