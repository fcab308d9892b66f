/**
 * `before` and `after` are JSON text (as a repair's are). Shown indented when they parse; shown as
 * they are otherwise, so nothing the server recorded is hidden by a formatting failure.
 */
export function formatAuditJson(text: string | null): string | null {
  if (text === null || text === '') return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The top-level keys whose values differ between before and after (both JSON objects), in order. */
export function changedKeys(before: string | null, after: string | null): string[] {
  const parse = (text: string | null): Record<string, unknown> => {
    if (!text) return {};
    try {
      const value: unknown = JSON.parse(text);
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  const a = parse(before);
  const b = parse(after);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}

/** One top-level string field of a JSON object text, if it is there (the email a refused sign-in tried). */
export function jsonString(text: string | null, key: string): string | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    const field = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    return typeof field === 'string' ? field : null;
  } catch {
    return null;
  }
}
