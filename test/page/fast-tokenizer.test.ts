/** FastTokenizer must give htmlparser2's Parser the very events, data and indices the stock Tokenizer gives. */
import { Parser, Tokenizer } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { FAST_TOKENIZER, type FastTokenizer } from '../../src/page/fast-tokenizer.js';
import { randomStrings } from '../features/random-strings.js';
import { recordEvents } from './parser-events.js';

const OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true };
const EVENTS = [
  'onopentagname', 'onattribute', 'onopentag', 'onclosetag', 'ontext', 'oncomment', 'oncommentend',
  'oncdatastart', 'oncdataend', 'onprocessinginstruction', 'onend',
] as const;

/** Every parser event with its arguments and the parser's start/end indices at that moment. */
function events(html: string | string[], tokenizer?: typeof Tokenizer): unknown[] {
  return recordEvents(html, (h) => new Parser(h, tokenizer ? { ...OPTIONS, Tokenizer: tokenizer } : OPTIONS), EVENTS);
}

const SAMPLES = [
  '<!doctype html><html lang=en><head><title>T &amp; t</title></head><body><p class="a b" id=\'x\'>x &lt; y</p></body></html>',
  'text & not an entity &amp; one &#x41;&#66 &notin &noti; caf&eacute; tail&',
  '<a href="/x?a=1&amp;b=2&c" title=\'it&apos;s\' data-x=un&amp;quoted>link</a><a href=""></a><a href=\'\'>',
  '<p>a < b and c > d <3 <</p><p>&</p>&',
  '<div style="display:none" hidden>h</div><input value="&quot;v&quot;" checked disabled>',
  '<script>if (a < b && c) { x = "</p>"; }</script><style>a{content:"&amp;"}</style><textarea>&lt;t&gt;</textarea>',
  '<!-- a & b --><!--> <![CDATA[x & y]]> <?php echo 1 ?> </ p> </>',
  '<a href="unterminated & value',
  '<script>no less-than sign in this script at all', '<!-- comment never closed - - ->', '</div never closed',
  '<style>a{}</style x><script>a</scripty>b</script ><!--x--!><![CDATA[c]]><!bogus>',
  'plain text only, no markup at all',
  '',
];

describe('FastTokenizer', () => {
  it.each(SAMPLES)('gives the same events as the stock tokenizer: %s', (html) => {
    expect(events(html, FAST_TOKENIZER)).toEqual(events(html));
  });

  it('gives the same events when the input comes in chunks', () => {
    const html = SAMPLES.join('\n');
    const chunks = [];
    for (let i = 0; i < html.length; i += 7) chunks.push(html.slice(i, i + 7));
    expect(events(chunks, FAST_TOKENIZER)).toEqual(events(chunks));
  });

  it('gives the same events on random markup', () => {
    const alphabet = ['<', '>', '&', '"', "'", '=', '/', ' ', '\n', 'a', 'b', 'p', 'amp;', '#x4', ';', '!--', '-->', 'script', 'title'];
    for (const html of randomStrings(alphabet, 400, 80, 7)) {
      expect(events(html, FAST_TOKENIZER)).toEqual(events(html));
    }
  });

  it('overrides methods the stock tokenizer still has (an htmlparser2 upgrade that renames them would be caught here)', () => {
    const proto = Tokenizer.prototype as unknown as Record<string, unknown>;
    for (const m of ['stateText', 'stateInAttributeValueDoubleQuotes', 'stateInAttributeValueSingleQuotes', 'fastForwardTo']) {
      expect(typeof proto[m]).toBe('function');
    }
  });
});

describe('FastTokenizer searches on hostile text', () => {
  /** Characters FastTokenizer's searches passed over while parsing `html`. */
  function scanned(html: string): number {
    const p = new Parser({}, { ...OPTIONS, Tokenizer: FAST_TOKENIZER });
    p.end(html);
    return (p as unknown as { tokenizer: FastTokenizer }).tokenizer.scanned;
  }

  it.each([
    ['entities after the last tag', (n: number) => '<p>' + '&amp;x'.repeat(n)],
    ['entities in a quoted attribute', (n: number) => '<p title="' + '&lt;y'.repeat(n) + '">t</p>'],
    ['entities in a single-quoted attribute', (n: number) => "<p title='" + '&gt;z'.repeat(n)],
    ['text runs cut by tags and entities', (n: number) => '<b>a&amp;b</b>'.repeat(n)],
  ])('passes over each character a bounded number of times: %s', (_, make) => {
    // Once for each character searched for (&, < or a quote): a search per text run over the
    // rest of the buffer would make this n² (4 MiB of entities after the last tag took 17 s).
    for (const n of [1000, 4000]) {
      const html = make(n);
      expect(scanned(html)).toBeLessThanOrEqual(2 * html.length);
    }
  });
});
