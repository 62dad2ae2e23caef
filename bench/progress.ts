/** Progress for the person waiting: on stderr, so stdout carries only the JSON result. */
const startedAt = performance.now();

export function say(message: string): void {
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1).padStart(7);
  process.stderr.write(`[bench ${seconds}s] ${message}\n`);
}
