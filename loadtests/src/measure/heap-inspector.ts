import { readFileSync } from 'node:fs';
import { WebSocket } from 'ws';

/** What a process holds right after a forced full collection, in MB (process.memoryUsage() inside it). */
export interface MemoryAfterGc {
  heapUsedMb: number;
  rssMb: number;
  /** Memory of C++ objects bound to JS ones (Buffers included), outside the V8 heap. */
  externalMb: number;
}

export interface HeapInspector {
  /** Runs a full collection in the inspected process and returns its heap used afterwards, in MB. */
  heapAfterGc(): Promise<number>;
  /** Runs a full collection in the inspected process and returns its heap, RSS and external memory afterwards. */
  memoryAfterGc(): Promise<MemoryAfterGc>;
  close(): void;
}

/** The node flag that opens an inspector on loopback only (port 0: any free port, printed on stderr). */
export function inspectFlag(port = 0): string {
  return `--inspect=127.0.0.1:${port}`;
}

/** The inspector's WebSocket address, from what node prints when started with --inspect=host:port. */
export function inspectorUrlFrom(output: string): string {
  const url = findInspectorUrl(output);
  if (!url) throw new Error(`no inspector address in the process output: ${output.slice(-500)}`);
  return url;
}

export function findInspectorUrl(output: string): string | null {
  return /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1] ?? null;
}

/** The inspector port a process was started with on its command line (`--inspect=[host:]port`), when not 0. */
export function inspectPortFromCommandLine(args: readonly string[]): number | null {
  for (const arg of args) {
    const match = /^--inspect(?:-brk)?=(?:[^:]+:)?(\d+)$/.exec(arg);
    if (match && Number(match[1]) > 0 && Number(match[1]) < 65536) return Number(match[1]);
  }
  return null;
}

/** The inspector's WebSocket address of the one target served on `port`, from its /json/list. */
export async function inspectorUrlAtPort(port: number, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    try {
      const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as unknown;
      const url = Array.isArray(targets) ? (targets[0] as { webSocketDebuggerUrl?: unknown } | undefined)?.webSocketDebuggerUrl : undefined;
      if (typeof url === 'string' && url.startsWith('ws://')) return url;
      lastError = `unexpected /json/list: ${JSON.stringify(targets).slice(0, 200)}`;
    } catch (error) {
      lastError = (error as Error).message; // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no inspector on 127.0.0.1:${port} after ${timeoutMs} ms: ${lastError}`);
}

/**
 * The inspector of a running process, if it has one: the address it printed (`output`, its
 * stderr), else the port on its command line (Linux /proc), asked for its address. Null when the
 * process was started without an inspector.
 */
export async function findProcessInspector(pid: number, output: string): Promise<string | null> {
  const printed = findInspectorUrl(output);
  if (printed) return printed;
  let args: string[];
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return null;
  }
  const port = inspectPortFromCommandLine(args);
  return port === null ? null : inspectorUrlAtPort(port);
}

/**
 * A minimal Chrome DevTools Protocol client: HeapProfiler.collectGarbage, then the memory as the
 * process itself reports it. Reads the retained heap of another process without any hook in that
 * process's code.
 */
export async function connectHeapInspector(url: string): Promise<HeapInspector> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
    const waiter = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id!);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  });
  socket.on('close', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('inspector connection closed'));
    pending.clear();
  });
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });

  const memoryAfterGc = async (): Promise<MemoryAfterGc> => {
    await call('HeapProfiler.collectGarbage');
    const expression = 'JSON.stringify((({ heapUsed, rss, external }) => ({ heapUsed, rss, external }))(process.memoryUsage()))';
    const result = (await call('Runtime.evaluate', { expression, returnByValue: true })) as { result?: { value?: unknown } };
    const value = typeof result.result?.value === 'string' ? (JSON.parse(result.result.value) as Record<string, unknown>) : {};
    const bytes = [value.heapUsed, value.rss, value.external].map(Number);
    if (!bytes.every((b) => Number.isFinite(b) && b >= 0)) throw new Error(`unexpected process.memoryUsage() from the inspector: ${JSON.stringify(result)}`);
    const [heapUsed, rss, external] = bytes.map((b) => b / 1024 / 1024) as [number, number, number];
    return { heapUsedMb: heapUsed, rssMb: rss, externalMb: external };
  };

  return {
    memoryAfterGc,
    heapAfterGc: async () => (await memoryAfterGc()).heapUsedMb,
    close: () => socket.close(),
  };
}
