/** Hostile pages through the scorer and the CLI: cut pages say so, spam after padding is found, a slow page is given up. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeTruncation, loadScorer, type PageResult, type Scorer } from '../../src/scorer/index.js';
import { examples, hasModel, runCli } from '../cli/run-cli.js';

const blog = readFileSync(path.join(examples, 'blog-with-hidden-links.html'), 'utf8');
const SPAM_TEXT = 'best online casino bonus';
const FILLER = '<p>The tomatoes grew slowly this year, and the basil did well beside them on the balcony.</p>\n';

/** The blog example with `pad` bytes of ordinary paragraphs before its hidden link list. */
function padded(pad: number): string {
  const at = blog.indexOf('<div class="sr-links">');
  return blog.slice(0, at) + FILLER.repeat(Math.ceil(pad / FILLER.length)) + blog.slice(at);
}

const MAX_BYTES = 64 * 1024;

describe.skipIf(!hasModel)('hostile pages through the scorer', () => {
  let scorer: Scorer;
  beforeAll(async () => {
    scorer = await loadScorer({ limits: { maxBytes: MAX_BYTES } });
  });

  it('finds spam placed after padding past --max-bytes, and says the page was cut', () => {
    const page = Buffer.from(padded(1024 * 1024));
    const r = scorer.scoreHtml(page, { file: 'padded.html' });
    expect(r.truncated).toEqual({ bytes: MAX_BYTES });
    expect(r.spam).toBe(true);
    expect(r.blocks.some((b) => b.spam && b.text.includes(SPAM_TEXT))).toBe(true);
    // The head alone holds no spam: the tail is where it was found.
    const head = scorer.scoreHtml(page.subarray(0, MAX_BYTES / 2));
    expect(head.blocks.some((b) => b.text.includes(SPAM_TEXT))).toBe(false);
  });

  it('finds spam placed after more blocks than --max-blocks, keeping the first and last half of them', async () => {
    const few = await loadScorer({ limits: { maxBlocks: 20 } });
    const r = few.scoreHtml(padded(20_000));
    expect(r.truncated).toEqual({ blocks: 20 });
    expect(r.blocks).toHaveLength(20);
    expect(r.blocks[0].text).toBe('Greenhouse Notes');
    expect(r.blocks[r.blocks.length - 1].text).toBe('© 2025 Greenhouse Notes. All rights reserved.');
    expect(r.blocks.some((b) => b.spam && b.text.includes(SPAM_TEXT))).toBe(true);
  });

  it('does not strip a cut page (its middle was never read), and says why', () => {
    const page = Buffer.from(padded(1024 * 1024));
    const { result, page: out } = scorer.strip(page, { file: 'padded.html' });
    expect(result.error).toBe('padded.html: longer than --max-bytes 65536: not stripped, as only its first and last halves were read');
    expect(out).toBe(page);
    expect(scorer.strip(blog).result.error).toBeUndefined();
  });

  it('says nothing was cut on a whole page, and names the block limit when blocks were dropped', async () => {
    expect(scorer.scoreHtml(blog).truncated).toBeUndefined();
    const few = await loadScorer({ limits: { maxBlocks: 3 } });
    const r = few.scoreHtml(blog);
    expect(r.blocks.length).toBeLessThanOrEqual(3);
    expect(r.truncated).toEqual({ blocks: 3 });
    expect(describeTruncation({ bytes: 4 * 1024 * 1024, blocks: 5000 })).toBe(
      'page cut: only its first and last 2 MiB were read (--max-bytes 4194304); only its first 2500 and last 2500 blocks were scored (--max-blocks 5000)',
    );
  });

  it('gives up a page past --max-seconds with an error result, and the batch goes on', async () => {
    const hasty = await loadScorer({ limits: { maxSeconds: 1e-6 } });
    const big = '<body>' + '<div><p>word <a href="/x">link</a></p></div>'.repeat(20_000);
    const [slow, other] = hasty.scoreBatch([{ content: big, file: 'slow.html' }, { content: big, file: 'other.html' }]);
    expect(slow.error).toBe('slow.html: gave up after 0.000001 s of work on the page (--max-seconds)');
    expect(slow.blocks).toEqual([]);
    expect(other.file).toBe('other.html');
    expect(other.error).toMatch(/gave up/);
    expect(scorer.scoreHtml(big).error).toBeUndefined();
  });
});

describe.skipIf(!hasModel)('a cut page in the CLI', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'seospam-hostile-'));
  const file = path.join(dir, 'padded.html');
  writeFileSync(file, padded(300 * 1024));

  it('is flagged in JSON and in the text output, and its tail spam is found', () => {
    const json = runCli(['score', file, '--format', 'json', '--max-bytes', String(MAX_BYTES)]);
    const page = JSON.parse(json.stdout) as PageResult;
    expect(page.truncated).toEqual({ bytes: MAX_BYTES });
    expect(page.blocks.some((b) => b.spam && b.text.includes(SPAM_TEXT))).toBe(true);
    expect(json.code).toBe(1);

    const text = runCli(['score', file, '--max-bytes', String(MAX_BYTES)]);
    expect(text.stdout).toContain('page cut: only its first and last 32 KiB were read (--max-bytes 65536)');
    expect(text.stdout).toContain(SPAM_TEXT);
  });

  it('gives up a page past --max-seconds with one line on stderr and exit code 2', () => {
    const r = runCli(['score', file, '--format', 'json', '--max-seconds', '0.000001']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`seospam: ${file}: gave up after 0.000001 s of work on the page (--max-seconds)`);
    expect(runCli(['score', file, '--max-seconds', 'soon']).stderr).toContain('--max-seconds must be a number > 0, got soon');
  });

  it('is flagged in the HTML report', () => {
    const out = path.join(dir, 'report.html');
    runCli(['score', file, '--format', 'html', '--out', out, '--max-bytes', String(MAX_BYTES)]);
    expect(readFileSync(out, 'utf8')).toContain('page cut: only its first and last 32 KiB were read');
  });
});
