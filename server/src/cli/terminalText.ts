// Text from the files kep-lint checks (file and folder names, kep.yaml values, headings) reaches a
// terminal or a CI log. Raw, a control character there is a command, not text: ESC sequences set
// the terminal's title or clear the screen, and a newline in a folder name starts a line that
// GitHub Actions runs as a workflow command (`::error …`). Bidi controls and the Unicode line
// separators reorder or break what the reader sees. Every such character is therefore written as
// a visible escape, in all output meant for people; JSON and SARIF stay exact, their encoders
// quote whatever they hold.

/** C0 controls, DEL, C1 controls, the Unicode line and paragraph separators, bidi controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every character that could act on a terminal or log written as an escape (\n, \x1B, \u202E). */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    const hex = code.toString(16).toUpperCase();
    return code <= 0xff ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`;
  });
}
