import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderReport, ReportWriter } from '../../src/report/html.js';
import { expandPage, type CompactPage } from '../../src/report/payload.js';
import { loadFixture } from './load-fixtures.js';

/** The text of the element `<script type="application/json" id=ID>`. */
function jsonElement(html: string, id: string): string {
  const m = new RegExp(`<script type="application/json" id="${id}">([\\s\\S]*?)</script>`).exec(html);
  if (!m) throw new Error(`no #${id} in the report`);
  return m[1];
}

describe('renderReport', async () => {
  const { pages, info } = await loadFixture('batch.jsonl');
  const html = renderReport(pages, info);
  /** The report with the embedded pages cut out: what the browser parses as markup. */
  const markup = html.replace(jsonElement(html, 'report-pages'), '');

  it('embeds every page so that it reads back unchanged', () => {
    const embedded = JSON.parse(jsonElement(html, 'report-pages')) as CompactPage[];
    expect(embedded.map(expandPage)).toEqual(pages);
  });

  it('sends a selector that shares its beginning with the previous one as [shared length, rest]', () => {
    const embedded = JSON.parse(jsonElement(html, 'report-pages')) as CompactPage[];
    const zh = embedded[0][7];
    expect(zh[0][3]).toBe('html > body > div:nth-of-type(1) > ul:nth-of-type(1)');
    expect(zh[3][3]).toEqual([70, '2)']);
    expect(pages[0].blocks[3].selector).toBe('html > body > div:nth-of-type(2) > div:nth-of-type(1) > p:nth-of-type(2)');
  });

  it('embeds the run info for the summary', () => {
    expect(JSON.parse(jsonElement(html, 'report-info'))).toEqual({
      model: 'seospam-blocks',
      modelVersion: '2024.06.1',
      featureSetVersion: 'fs-3',
      threshold: 0.62,
      thresholdText: '0.62',
      backend: 'node',
    });
    // A threshold is written with every decimal it needs, never rounded onto a score it separates.
    const sharp = renderReport([], { threshold: 0.985 });
    expect(JSON.parse(jsonElement(sharp, 'report-info'))).toEqual({ threshold: 0.985, thresholdText: '0.985' });
  });

  it('lets no page text become markup', () => {
    // The hostile fixture page carries <script>, <img onerror>, </style>, <iframe> and <!-- in its text, name and reasons.
    expect(html.match(/<script/g)).toHaveLength(3);
    expect(html.match(/<\/script/g)).toHaveLength(3);
    expect(html.match(/<style/g)).toHaveLength(1);
    expect(html.match(/<\/style/g)).toHaveLength(1);
    expect(html).not.toMatch(/<img|<iframe|<!--|<b>bold/);
    expect(markup).not.toMatch(/onerror|__pwned|javascript:/);
    // …and the payload is still there, as escaped JSON text.
    expect(jsonElement(html, 'report-pages')).toContain('\\u003cimg src=x onerror=');
  });

  it('is self-contained: no external resources', () => {
    expect(markup).not.toMatch(/\b(src|href|action|srcset)\s*=/i);
    expect(markup).not.toMatch(/<(link|img|iframe|object|embed|base|form)\b/i);
    expect(markup).not.toMatch(/@import|url\(|https?:/i);
  });

  it('allows only its own script and style by hash, and no loads', () => {
    const csp = (/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '').replaceAll('&#39;', "'");
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'sha256-${hash(script)}'`);
    expect(csp).toContain(`style-src 'sha256-${hash(style)}'`);
  });

  it('escapes the title', () => {
    const titled = renderReport([], { title: 'Batch <7> & "friends"' });
    expect(titled).toContain('<title>Batch &lt;7&gt; &amp; &quot;friends&quot;</title>');
    expect(JSON.parse(jsonElement(titled, 'report-pages'))).toEqual([]);
  });
});

describe('ReportWriter', async () => {
  const { pages, info } = await loadFixture('batch.jsonl');

  it('streams the same file renderReport makes, and counts pages, spam and errors', () => {
    const chunks: string[] = [];
    const writer = new ReportWriter((c) => {
      chunks.push(c);
    }, {});
    for (const p of pages) writer.add(p);
    writer.updateInfo(info);
    const summary = writer.finish();
    const html = chunks.join('');
    expect(html).toBe(renderReport(pages, info));
    expect(chunks.length).toBe(pages.length + 2);
    expect(summary).toEqual({
      pages: 6,
      spamPages: 4,
      errors: 1,
      blocks: pages.reduce((n, p) => n + p.blocks.length, 0),
      spamBlocks: 5,
      bytes: Buffer.byteLength(html, 'utf8'),
    });
  });

  it('passes on the sink asking to wait', () => {
    const writer = new ReportWriter(() => false);
    expect(writer.add(pages[0])).toBe(false);
    const accepting = new ReportWriter(() => undefined);
    expect(accepting.add(pages[0])).toBe(true);
  });

  it('refuses pages after finish', () => {
    const writer = new ReportWriter(() => undefined);
    writer.finish();
    expect(() => writer.add(pages[0])).toThrow(/after finish/);
  });
});
