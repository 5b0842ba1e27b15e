/** collapseSpaces must give what the regexes it replaces give: /\S/ for "has text", /\s+/g → ' ' for the text. */
import { describe, expect, it } from 'vitest';
import { collapseSpaces, isSpace } from '../../src/page/whitespace.js';
import { randomStrings } from '../features/random-strings.js';

const reference = (s: string): string | null => (/\S/.test(s) ? s.replace(/\s+/g, ' ') : null);

describe('whitespace', () => {
  it('isSpace agrees with regex \\s on every UTF-16 code unit', () => {
    for (let c = 0; c < 0x10000; c++) expect(isSpace(c), `U+${c.toString(16)}`).toBe(/\s/.test(String.fromCharCode(c)));
  });

  it.each(['', ' ', '  \n\t', 'a', ' a ', 'a b', 'a  b', 'a\nb', '\u00a0x\u3000', 'x\ufeff', '中文 text\u2028'])(
    'collapseSpaces(%j) is the regex result',
    (s) => {
      expect(collapseSpaces(s)).toBe(reference(s));
    },
  );

  it('collapseSpaces agrees with the regexes on random text', () => {
    const alphabet = [' ', ' ', 'a', 'b', '\n', '\t', '\r', '\u00a0', '\u2009', '\u3000', '中', '\ufeff', '\u200b', '.'];
    for (const s of randomStrings(alphabet, 3000, 30, 11)) expect(collapseSpaces(s)).toBe(reference(s));
  });
});
