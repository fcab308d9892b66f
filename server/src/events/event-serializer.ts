/**
 * JSON for events that cross processes. Timestamps leave as ISO strings and must come back as
 * `Date` (GraphQL's DateTimeISO serialises only real dates), so every `…At` field is revived.
 */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function reviveDates(key: string, value: unknown): unknown {
  return typeof value === 'string' && key.endsWith('At') && ISO_INSTANT.test(value) ? new Date(value) : value;
}

export const eventSerializer = {
  stringify: (message: unknown): string => JSON.stringify(message),
  parse: (message: string): unknown => JSON.parse(message, reviveDates),
};
