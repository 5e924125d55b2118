/**
 * Server-supplied text on its way to a terminal or a JUnit file: control characters (ANSI
 * escapes, carriage returns, NUL, C1 controls, bidi overrides) are shown escaped (\x1b, \u202e)
 * instead of acting on the screen. Tab and newline stay as they are.
 */

// C0 controls but tab/newline, DEL, C1 controls, and the Unicode bidi/isolate overrides.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escapeOne(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every control character replaced by its escaped form. `keepCarriageReturn` is for
 * formats that encode CR themselves (JUnit writes it as a character reference).
 */
export function terminalSafe(text: string, options: { keepCarriageReturn?: boolean } = {}): string {
  return text.replace(CONTROL, (char) => (char === '\r' && options.keepCarriageReturn ? char : escapeOne(char)));
}
