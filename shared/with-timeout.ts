/** What `withTimeout` rejects with when the time runs out first. */
export class TimeoutError extends Error {}

/**
 * `work`, or a TimeoutError saying `what` took more than `seconds` once they have passed. The timer is cleared when the
 * race ends, and a late failure of `work` is absorbed by the race (never an unhandled rejection).
 */
export function withTimeout<T>(work: Promise<T>, seconds: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>(
    (_resolve, reject) => (timer = setTimeout(() => reject(new TimeoutError(`${what} took more than ${seconds} s`)), seconds * 1000)),
  );
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}
