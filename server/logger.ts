import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/**
 * JSON logs on stderr, so stdout carries only the ready line that scripts and users wait for.
 * Authorization headers and tokens are redacted wherever they appear.
 */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino(
    {
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', '*.token', '*.password', 'password', 'token'], censor: '[redacted]' },
    },
    pino.destination(2),
  );
}
