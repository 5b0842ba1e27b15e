/** Pages past maxBytes are read head and tail; deep pages are built shallow; every page within its time budget. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isTag, type AnyNode } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { joinHtmlHeadTail, openRawTextCloser } from '../../src/page/cut.js';
import { headTailSizes, parsePage, readInput, readPage } from '../../src/page/index.js';
import { concat, encodeLegacy, utf8 } from './helpers/legacy-encode.js';

const PADDING = '<p>' + 'Ordinary filler about the weather and the garden. '.repeat(40) + '</p>\n';
const SPAM = '<div class="links"><a href="https://casino.example/">best online casino bonus</a> <a href="https://pills.example/">buy cheap pills online</a></div>';

/** A page whose spam sits after `pad` bytes of ordinary paragraphs. */
function paddedPage(pad: number, spam = SPAM): string {
  return `<html><head><title>花园日记</title></head><body><h1>我的花园</h1>${PADDING.repeat(Math.ceil(pad / PADDING.length))}${spam}<p>页脚</p></body></html>`;
}

function elements(root: AnyNode): number {
  let n = 0;
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const x = stack.pop()!;
    if (isTag(x)) n++;
    if ('children' in x) for (const c of x.children) stack.push(c);
  }
  return n;
}

describe('a page past maxBytes', () => {
  const maxBytes = 32 * 1024;

  it('is read head and tail: the spam after the padding is a block, and the page says bytes were cut', () => {
    for (const input of [paddedPage(500_000), utf8(paddedPage(500_000))]) {
      const page = readPage(input, { limits: { maxBytes } });
      expect(page.truncated).toContain('bytes');
      const texts = page.blocks.map((b) => b.text);
      expect(texts[0]).toBe('我的花园');
      expect(texts).toContain('best online casino bonus buy cheap pills online');
      expect(texts[texts.length - 1]).toBe('页脚');
      expect(page.title).toBe('花园日记');
      const links = page.blocks.flatMap((b) => b.links.map((l) => l.href));
      expect(links).toEqual(['https://casino.example/', 'https://pills.example/']);
    }
  });

  it('reads no more than maxBytes of it', () => {
    const parsed = parsePage(utf8(paddedPage(500_000)), { limits: { maxBytes } });
    expect(parsed.source.length).toBeLessThanOrEqual(maxBytes + 16);
    expect(headTailSizes(maxBytes)).toEqual({ head: maxBytes / 2, tail: maxBytes / 2 });
    expect(headTailSizes(7)).toEqual({ head: 3, tail: 4 });
  });

  it('joins where markup allows: no half tag at the cut, and an open script or comment is closed', () => {
    expect(joinHtmlHeadTail('<p>a</p><a href="http://x', 'yz/">link</a><p>tail</p>')).toBe('<p>a</p>link</a><p>tail</p>');
    expect(joinHtmlHeadTail('<p>a<script>var s = "', 'x";</script><p>tail</p>')).toBe('<p>a<script>var s = "</script>x";</script><p>tail</p>');
    expect(openRawTextCloser('<p>a<!-- hidden')).toBe('-->');
    expect(openRawTextCloser('<p>a<!-- c --><STYLE>.x{')).toBe('</style>');
    expect(openRawTextCloser('<script>1</script><scripts>')).toBe('');
    for (const pad of ['<script>var padding = "', '<!-- padding ', '<style>.pad{}', '<textarea>']) {
      const html = `<body><p>head</p>${pad}${'x'.repeat(100_000)}${SPAM}</body>`;
      const texts = readPage(html, { limits: { maxBytes } }).blocks.map((b) => b.text);
      expect(texts).toContain('best online casino bonus buy cheap pills online');
    }
  });

  it('decodes the tail in the charset of the head (GBK by its meta, UTF-16 by its BOM)', () => {
    const head = concat(utf8('<html><head><meta charset="gbk"><title>t</title></head><body>'), encodeLegacy('<p>开头</p>', 'gbk'));
    const middle = utf8('<p>' + 'x'.repeat(200_000) + '</p>');
    // 中文 in GBK: D6 D0 CE C4.
    const tail = concat(utf8('<p>'), Uint8Array.from([0xd6, 0xd0, 0xce, 0xc4]), utf8('</p></body></html>'));
    const page = readPage(concat(head, middle, tail), { limits: { maxBytes: 1000 } });
    expect(page.charset).toBe('gb18030');
    const texts = page.blocks.map((b) => b.text);
    expect([texts[0], texts[texts.length - 1]]).toEqual(['开头', '中文']);

    const text = '<body><p>前面</p><p>' + 'y'.repeat(50_000) + '</p><p>后面的文字</p></body>';
    const le = Buffer.from('\ufeff' + text, 'utf16le');
    const u16 = readPage(new Uint8Array(le.buffer, le.byteOffset, le.length), { limits: { maxBytes: 1001 } });
    expect(u16.charset).toBe('utf-16le');
    const texts16 = u16.blocks.map((b) => b.text);
    expect(texts16).toHaveLength(3);
    expect([texts16[0], texts16[2]]).toEqual(['前面', '后面的文字']);
    expect(texts16[1]).toMatch(/^y+$/);
  });

  it('cuts a text page at line ends', () => {
    const lines = ['first line of the page', ...Array.from({ length: 5000 }, (_, i) => `filler line ${i}`), 'last line with the spam'];
    const page = readPage(lines.join('\n'), { kind: 'text', limits: { maxBytes: 4000 } });
    const texts = page.blocks.flatMap((b) => b.parts);
    expect(texts[0]).toBe('first line of the page');
    expect(texts[texts.length - 1]).toBe('last line with the spam');
    expect(texts.every((t) => t === 'first line of the page' || t === 'last line with the spam' || /^filler line \d+$/.test(t))).toBe(true);
  });

  it('is read head and tail from a file too, within maxBytes + 1 bytes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seospam-cut-'));
    const f = path.join(dir, 'padded.html');
    writeFileSync(f, paddedPage(300_000));
    const bytes = await readInput(f, { maxBytes });
    expect(bytes.length).toBe(maxBytes + 1);
    const page = readPage(bytes, { limits: { maxBytes } });
    expect(page.truncated).toContain('bytes');
    expect(page.blocks.map((b) => b.text)).toContain('best online casino bonus buy cheap pills online');
  });
});

describe('a deeply nested page', () => {
  it('is built no deeper than the segmenter reads, keeping links and text past the limit', () => {
    const n = 100_000;
    const html = `<body>${'<b>'.repeat(n)}deep <a href="/deep">deep link</a><br>after${'<i>x'.repeat(n)}`;
    const parsed = parsePage(html, { limits: { maxDepth: 20 } });
    expect(elements(parsed.document!)).toBeLessThan(40);
    expect(parsed.page.truncated).toContain('depth');
    const block = parsed.page.blocks[0];
    expect(block.text.startsWith('deep deep link afterxxx')).toBe(true);
    expect(block.links.map((l) => l.href)).toEqual(['/deep']);
  });
});

describe('the time budget', () => {
  it('stops a page past limits.maxSeconds with an InputError saying so', () => {
    const html = '<body>' + '<div><p>word <a href="/x">link</a></p></div>'.repeat(50_000);
    let err: unknown = null;
    try {
      parsePage(html, { file: 'slow.html', limits: { maxSeconds: 1e-6 } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/^slow\.html: gave up after 0\.000001 s of work on the page \(--max-seconds\)$/);
    expect(() => parsePage(html, { limits: { maxSeconds: 60 } })).not.toThrow();
  });
});
