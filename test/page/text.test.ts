import { describe, expect, it } from 'vitest';
import { parsePage, readPage } from '../../src/page/index.js';
import { SHORT_LINE } from '../../src/page/parse-text.js';
import { fixture } from './helpers/pages.js';

const linesOf = (text: string) => readPage(text, { kind: 'text' }).blocks.map((b) => b.lines);

describe('text pages', () => {
  it('groups the fixture like the seed: title alone, paragraphs apart, keyword line alone, partner list together', () => {
    const { page, spans } = parsePage(fixture('zh-article.txt'));
    expect(page.kind).toBe('text');
    expect(page.title).toBe('市图书馆延长周末开放时间-某某网络');
    expect(page.blocks.map((b) => b.lines)).toEqual([[0, 0], [1, 2], [4, 4], [6, 6], [8, 8], [10, 11], [13, 13], [15, 15], [17, 17], [19, 24]]);
    const partners = page.blocks[9];
    expect(partners.parts).toEqual(['某某网标王', '滨江网络公司', '萧山网站优化', '余杭网站建设', 'SEO按天计费']);
    expect(partners).toMatchObject({ tag: 'line', selector: null, ancestors: [], hidden: false, text: partners.parts.join(' ') });
    expect(spans[9].map((s) => s.line)).toEqual([19, 21, 22, 23, 24]);
    for (const s of spans[9]) expect(partners.text.slice(s.start, s.end)).toBe(partners.parts[spans[9].indexOf(s)]);
  });

  it('keeps a long line its own block even between short lines', () => {
    const long = 'x'.repeat(SHORT_LINE + 5);
    expect(linesOf(`title\na\nb\n${long}\nc\nd`)).toEqual([[0, 0], [1, 2], [3, 3], [4, 5]]);
  });

  it('does not chain lone short lines across blank lines', () => {
    expect(linesOf('title\n\nheading\n\nfirst\n\nsecond\nthird')).toEqual([[0, 0], [2, 2], [4, 7]]);
    expect(linesOf('title\n\none\n\n\ntwo\nthree')).toEqual([[0, 0], [2, 2], [5, 6]]);
  });

  it('finds bare URLs as links and collapses whitespace', () => {
    const b = readPage('title\n\nvisit   https://spam.example.com/p?q=1 now, it is the best offer here', { kind: 'text', url: 'https://site.example/' }).blocks[1];
    expect(b.text).toBe('visit https://spam.example.com/p?q=1 now, it is the best offer here');
    expect(b.links).toEqual([{ href: 'https://spam.example.com/p?q=1', text: 'https://spam.example.com/p?q=1', external: true, host: 'spam.example.com' }]);
  });

  it('decides text versus HTML by content and lets the caller override', () => {
    expect(readPage('Just a note.\nSecond line < third line.').kind).toBe('text');
    expect(readPage('<div><p>a</p><p>b</p></div>').kind).toBe('html');
    expect(readPage('  <!DOCTYPE html><title>t</title>').kind).toBe('html');
    const template = '<%@language="JScript"%>\n<%\n' + 'var x = new String("a");\n'.repeat(60) + '%>\n<html><body><p>Club news</p></body></html>';
    const tp = readPage(template);
    expect(tp.kind).toBe('html');
    expect(tp.blocks.at(-1)).toMatchObject({ tag: 'p', text: 'Club news' });
    const forced = readPage('<p>tag</p>', { kind: 'text' });
    expect(forced.kind).toBe('text');
    expect(forced.blocks[0].text).toBe('<p>tag</p>');
  });
});
