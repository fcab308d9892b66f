/**
 * Control characters (C0, DEL, C1): no stored name or email holds one, and PostgreSQL refuses NUL in
 * text. Inputs that name or search such text refuse them up front, with a message, instead of letting
 * the statement fail.
 */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/** The whole value is free of control characters (for `@Matches` on GraphQL inputs). */
// eslint-disable-next-line no-control-regex
export const PRINTABLE_ONLY = /^[^\u0000-\u001f\u007f-\u009f]*$/;
