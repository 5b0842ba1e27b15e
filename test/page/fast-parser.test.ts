/** FastParser must give the handler the very events, attribute objects and indices the stock Parser gives. */
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { FastParser, newFastParser } from '../../src/page/fast-parser.js';
import { FAST_TOKENIZER } from '../../src/page/fast-tokenizer.js';
import { randomStrings } from '../features/random-strings.js';
import { recordEvents } from './parser-events.js';

const OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, Tokenizer: FAST_TOKENIZER };
const EVENTS = ['onopentagname', 'onattribute', 'onopentag', 'onclosetag', 'ontext', 'oncomment', 'onend'] as const;

type MakeParser = (handler: Record<string, unknown>, options: typeof OPTIONS) => Parser;

/** Every parser event with its arguments (attribute objects with their key order) and the parser's indices. */
function events(html: string | string[], make: MakeParser, withAttribute = true): unknown[] {
  const names = EVENTS.filter((name) => withAttribute || name !== 'onattribute');
  const show = (args: unknown[]) => JSON.stringify(args.map((a) => (a && typeof a === 'object' ? Object.entries(a) : a)));
  return recordEvents(html, (h) => make(h, OPTIONS), names, show);
}

const stock: MakeParser = (h, o) => new Parser(h, o);
const fast: MakeParser = (h, o) => newFastParser(h, o);

const SAMPLES = [
  '<p class="a b" id=x CLASS=dup class=again Id=y>t</p><a href=/x HREF=/y title>l</a>',
  '<img src=a.png alt="" width=1 height=2 data-src=b srcset="c 1x"><input hidden value=v checked>',
  '<div style="display:none" hidden data-idx=1 data-i=2 classes=no clas=no>h</div><svg viewBox="0 0 1 1"><path d="M0"/></svg>',
  '<meta http-equiv=content-type content="text/html"><meta charset=utf-8><a constructor=1 toString=2 __proto__=3>x</a>',
  '<div class', '<div class=', '<p id="unterminated',
  '',
];

describe('FastParser', () => {
  it('still finds the stock member it overrides', () => {
    expect(typeof (Parser.prototype as unknown as Record<string, unknown>).onattribname).toBe('function');
    expect(Object.getPrototypeOf(FastParser.prototype)).toBe(Parser.prototype);
  });

  it.each(SAMPLES)('gives the same events as the stock parser: %s', (html) => {
    expect(events(html, fast)).toEqual(events(html, stock));
    expect(events(html, fast, false)).toEqual(events(html, stock, false));
  });

  it('gives the same events when the input comes in chunks', () => {
    const html = SAMPLES.join('\n');
    for (const size of [1, 3, 7]) {
      const chunks = [];
      for (let i = 0; i < html.length; i += size) chunks.push(html.slice(i, i + size));
      expect(events(chunks, fast)).toEqual(events(chunks, stock));
    }
  });

  it('gives the same events on random markup', () => {
    const alphabet = ['<', '>', '"', '=', '/', ' ', 'a', 'p', 'class', 'id', 'ID', 'href', 'style', 'd', 'x'];
    for (const html of randomStrings(alphabet, 300, 60, 11)) {
      expect(events(html, fast)).toEqual(events(html, stock));
    }
  });
});
