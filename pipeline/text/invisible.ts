/**
 * A character no reader sees: a control (C0, C1) or a format character (zero-width marks, bidi controls, tag
 * characters, the soft hyphen). In a table it hides, or (a bidi control) reorders what follows it; inside a number
 * it splits the number. A character class, for patterns to compose.
 */
export const INVISIBLE_CHAR = "[\\p{Cc}\\p{Cf}]";
