import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inferThreshold, readReport, reportQueue } from '../../src/review/report-queue.js';

const tmp = mkdtempSync(join(tmpdir(), 'seospam-report-queue-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const block = (score: number, spam: boolean) => ({ text: 'x', score, spam, selector: 'html > body > p:nth-of-type(1)', lines: null, reasons: [] });
const page = (file: string, blocks: ReturnType<typeof block>[], extra: object = {}) =>
  JSON.stringify({ file, score: 0.5, spam: blocks.some((b) => b.spam), spamShare: 0, blocks, ...extra });

describe('reportQueue', () => {
  it('orders pages by how close their least certain block came to the threshold; passes over errors', () => {
    const report = join(tmp, 'r.jsonl');
    writeFileSync(
      report,
      [
        page('sure.html', [block(0.02, false), block(0.98, true)]),
        page('clean-near.html', [block(0.55, false), block(0.1, false)]),
        page('spam-near.html', [block(0.61, true), block(0.05, false)]),
        page('broken.html', [], { error: 'broken.html: empty file' }),
        page('mid.html', [block(0.3, false)]),
      ].join('\n') + '\n',
    );
    writeFileSync(join(tmp, 'spam-near.html'), '<p>near</p>');
    const q = reportQueue(report, 0.6);
    expect(q.sources.map((s) => s.path.split('/').pop())).toEqual(['spam-near.html', 'clean-near.html', 'mid.html', 'sure.html']);
    expect(q.passed).toBe(1);
    // Relative files resolve from the report's folder when not found from the working folder.
    expect(q.sources[0].path).toBe(join(tmp, 'spam-near.html'));
    expect(q.sources[1].path).toBe(join(process.cwd(), 'clean-near.html'));
  });

  it('infers the threshold from the lowest spam score when no model says it', () => {
    const results = [JSON.parse(page('a.html', [block(0.7, true), block(0.4, false)])), JSON.parse(page('b.html', [block(0.66, true)]))];
    expect(inferThreshold(results)).toBe(0.66);
    expect(inferThreshold([JSON.parse(page('c.html', [block(0.2, false)]))])).toBe(0.5);
  });

  it('names the report line that is not a page result', () => {
    const bad = join(tmp, 'bad.jsonl');
    writeFileSync(bad, page('a.html', [block(0.1, false)]) + '\n{"file": "b.html"}\n');
    expect(() => readReport(bad)).toThrow(/bad\.jsonl:2: not a page result/);
  });
});
