import { Writable } from 'node:stream';
import { pino } from 'pino';

/** A pino logger at trace level that writes its lines into an array, to see what a server would log. */
export function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'trace' }, stream), lines };
}
