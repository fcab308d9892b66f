/** What one try of sending gave: delivered, worth retrying (429, 5xx, network), or refused for good (other 4xx). */
export interface SendResult {
  readonly outcome: 'delivered' | 'retry' | 'refused';
  readonly statusCode: number | null;
  readonly error: string | null;
  /** The receiver's Retry-After, in ms, when it sent one. */
  readonly retryAfterMs: number | null;
}

/** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** The result of an HTTP answer: 2xx delivered; 408, 425, 429 and 5xx retried; any other status refused. */
export function resultOfStatus(status: number, retryAfter: string | null, body: string): SendResult {
  if (status >= 200 && status < 300) return { outcome: 'delivered', statusCode: status, error: null, retryAfterMs: null };
  const retryable = status >= 500 || status === 429 || status === 408 || status === 425;
  return {
    outcome: retryable ? 'retry' : 'refused',
    statusCode: status,
    error: `HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`,
    retryAfterMs: retryable ? parseRetryAfter(retryAfter) : null,
  };
}

/** POSTs a body and classifies the answer; a network error or timeout is worth retrying. */
export async function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<SendResult> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'LevelSync-Alerts/1', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text().catch(() => '');
    return resultOfStatus(response.status, response.headers.get('retry-after'), text);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const message = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
    return { outcome: 'retry', statusCode: null, error: `network: ${message}`, retryAfterMs: null };
  }
}
