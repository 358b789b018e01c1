// kep-lint's one escaping function for text meant for people: nothing that reaches a terminal or a
// CI log through it can act there, and ordinary text passes unchanged.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { terminalSafe } from '../../server/src/cli/terminalText';

/** Any character a terminal, a log viewer or a bidi-aware display would act on. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ACTING = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('terminalSafe', function () {
  it('writes hostile strings as visible escapes', function () {
    const cases: [string, string][] = [
      ['1234-x\n::error file=README.md,line=1::forged', '1234-x\\n::error file=README.md,line=1::forged'],
      ['\x1b]0;PWNED\x07\x1b[2J', '\\x1B]0;PWNED\\x07\\x1B[2J'],
      ['a\rb\tc\x00d\x7fe\x9bf', 'a\\rb\\tc\\x00d\\x7Fe\\x9Bf'],
      ['evil\u202Etxt.md', 'evil\\u202Etxt.md'],
      ['line\u2028sep\u2029para', 'line\\u2028sep\\u2029para'],
      ['\u2066isolate\u2069 \u200Fmark', '\\u2066isolate\\u2069 \\u200Fmark'],
    ];
    for (const [raw, shown] of cases) assert.equal(terminalSafe(raw), shown);
  });

  it('leaves text without such characters as it is, including backslashes and non-ASCII', function () {
    for (const text of ['keps/sig-node/1234-x/README.md', 'C:\\keps\\README.md', 'Zoë’s «KEP» 🚀 日本語', '%0A']) assert.equal(terminalSafe(text), text);
  });

  it('never lets through a character that acts, for any string', function () {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        assert.doesNotMatch(terminalSafe(s), ACTING);
      }),
      { numRuns: 2000 },
    );
  });
});
