/**
 * Control characters (C0, DEL, C1): no stored name or email holds one, and PostgreSQL refuses NUL in
 * text. Inputs that name or search such text refuse them up front, with a message, instead of letting
 * the statement fail.
 */
const CONTROL_CLASS = '\\u0000-\\u001f\\u007f-\\u009f';

export const CONTROL_CHARACTER = new RegExp(`[${CONTROL_CLASS}]`);

/** The whole value is free of control characters (for `@Matches` on GraphQL inputs). */
export const PRINTABLE_ONLY = new RegExp(`^[^${CONTROL_CLASS}]*$`);
