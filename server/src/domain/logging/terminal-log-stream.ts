import { build as prettyStream, isColorSupported } from 'pino-pretty';
import type { DestinationStream } from 'pino';

/**
 * Where a person at a terminal reads the log (`npm start` in a terminal): one readable line per
 * entry — local time, level, message, then the fields — through pino-pretty, in this process
 * and synchronously, so the last lines before an exit are never lost. Redaction happens before
 * (in the logger), so nothing secret reaches this stream either.
 */
export function terminalLogStream(): DestinationStream {
  return prettyStream({
    sync: true,
    colorize: isColorSupported, // off with NO_COLOR or TERM=dumb
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service,name',
  });
}

/** Readable lines for an interactive start (stdout is a terminal); JSON for production and for anything reading a pipe or a file. */
export function wantsTerminalLogs(stdout: NodeJS.WriteStream, isProduction: boolean): boolean {
  return !isProduction && stdout.isTTY === true;
}
