import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs; credentials never reach a line, whatever object is logged. */
export function createLogger(level: string, name: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'password',
        '*.password',
        'accessToken',
        '*.accessToken',
        'authorization',
        '*.authorization',
        'req.headers.authorization',
        'headers.authorization',
        'connectionParams',
        'JWT_SECRET',
        'token',
        '*.token',
        'variables.password',
        '*.variables.password',
        // connection URLs carry passwords
        'databaseUrl',
        '*.databaseUrl',
        'redisUrl',
        '*.redisUrl',
        'url',
        '*.url',
        // notification channels' write-only secrets
        'secret',
        '*.secret',
        'routingKey',
        '*.routingKey',
        'smtpPassword',
        '*.smtpPassword',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
