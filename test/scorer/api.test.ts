import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, DEFAULT_MODEL_DIR, loadScorer, ModelError, UsageError, type Scorer } from '../../src/scorer/index.js';
import { formatThreshold } from '../../src/scorer/numbers.js';
import { examples, hasModel, runCli } from '../cli/run-cli.js';

const news = readFileSync(path.join(examples, 'news-with-keyword-list.txt'));
const blog = readFileSync(path.join(examples, 'blog-with-hidden-links.html'));
const clean = readFileSync(path.join(examples, 'clean-article.html'));
const hijacked = readFileSync(path.join(examples, 'shop-with-hijacked-title.html'));
const spiderPool = readFileSync(path.join(examples, 'spider-pool-page.html'));

/** A model copy with its rollup changed by `edit`, loaded as a scorer (the folder is removed once loaded). */
async function scorerWith(edit: (rollup: Record<string, unknown>) => void, threshold?: number): Promise<Scorer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'seospam-copy-'));
  cpSync(DEFAULT_MODEL_DIR, dir, { recursive: true });
  const meta = JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8'));
  edit(meta.rollup);
  writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(meta));
  const s = await loadScorer({ model: dir, threshold });
  rmSync(dir, { recursive: true, force: true });
  return s;
}

/** The network's own score of a block shown on the verdict scale of block threshold `t` (a block no other threshold judges). */
function rawOf(shown: number, t: number): number {
  return shown < 0.5 ? (shown * t) / 0.5 : t + ((shown - 0.5) * (1 - t)) / 0.5;
}

function titleThresholdOf(dir: string): number {
  return JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8')).rollup.titleThreshold as number;
}

describe.skipIf(!hasModel)('loadScorer', () => {
  let scorer: Scorer;
  beforeAll(async () => {
    scorer = await loadScorer();
  });

  it('names its model, threshold and backend (wasm or cpu here: tfjs-node is not installed)', () => {
    expect(scorer.info.model).toBeTruthy();
    expect(scorer.info.threshold).toBe(0.5); // every shown score's verdict line
    expect(scorer.info.modelThreshold).toBeGreaterThan(0);
    expect(scorer.info.modelThreshold).toBeLessThan(1);
    expect(['wasm', 'cpu']).toContain(scorer.info.backend);
  });

  it('scores bytes, strings and text pages synchronously, as the CLI does', () => {
    const fromBytes = scorer.scoreHtml(blog, { file: 'blog.html' });
    const fromString = scorer.scoreHtml(blog.toString('utf8'), { file: 'blog.html' });
    expect(fromBytes.spam).toBe(true);
    expect(fromString.blocks.map((b) => b.score)).toEqual(fromBytes.blocks.map((b) => b.score));
    const text = scorer.scoreText(news.toString('utf8'));
    expect(text.spam).toBe(true);
    expect(text.blocks.every((b) => b.lines !== null && b.selector === null)).toBe(true);
    const cli = JSON.parse(runCli(['score', path.join(examples, 'clean-article.html'), '--format', 'json']).stdout);
    const api = scorer.score(clean, { file: path.join(examples, 'clean-article.html') });
    expect(api.blocks.map((b) => b.text)).toEqual(cli.blocks.map((b: { text: string }) => b.text));
    expect(api.blocks.map((b) => b.spam)).toEqual(cli.blocks.map((b: { spam: boolean }) => b.spam));
  });

  it('judges the title apart: a title over the title threshold makes a clean-bodied page spam, a plain one does not', async () => {
    // The shipped model's title threshold sits a quarter above its highest clean train title
    // (which can be a news headline about betting); a copy with the threshold at 0.7 shows the
    // mechanism on our casino title without naming where the shipped model puts it.
    const dir = mkdtempSync(path.join(tmpdir(), 'seospam-title-'));
    cpSync(DEFAULT_MODEL_DIR, dir, { recursive: true });
    const meta = JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8'));
    meta.rollup.titleThreshold = 0.7;
    writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(meta));
    const titled = await loadScorer({ model: dir });
    rmSync(dir, { recursive: true, force: true });
    const shop = titled.scoreHtml(hijacked);
    expect(shop.title).toMatchObject({ text: '澳门葡京娱乐场_百家乐开户送彩金_真人娱乐平台', spam: true });
    expect(shop.title!.reasons.join(' ')).toMatch(/百家乐|开户|葡京/);
    expect(shop.spam).toBe(true);
    expect(shop.blocks.filter((b) => b.spam)).toEqual([]);
    const page = titled.scoreHtml(clean);
    expect(page.title?.spam).toBe(false);
    expect(page.title?.reasons).toEqual([]);
    expect(page.spam).toBe(false);
    // Shown on the verdict scale, a title is spam exactly from 0.5, whatever its model's title threshold.
    expect(shop.title!.score).toBeGreaterThanOrEqual(0.5);
    expect(page.title!.score).toBeLessThan(0.5);
    const shipped = scorer.scoreHtml(hijacked).title!;
    expect(shipped.spam).toBe(shipped.score >= 0.5);
    expect(titleThresholdOf(DEFAULT_MODEL_DIR)).toBeGreaterThan(0);
  });

  it('flags every content block of a page that is spam all over, says why, and leaves its furniture alone', async () => {
    const page = scorer.scoreHtml(spiderPool);
    expect(page.spam).toBe(true);
    const threshold = scorer.info.threshold;
    const byRule = page.blocks.filter((b) => b.spam && b.score < threshold);
    // Blocks the threshold alone judges read spam exactly from the verdict line.
    for (const b of page.blocks.filter((x) => !byRule.includes(x))) expect(b.spam).toBe(b.score >= threshold);
    expect(byRule.length).toBeGreaterThan(0);
    // Each says why first: the page is spam all over, or (a long block) it is over the long-block threshold.
    // (By the share of content text, as new models count, or of content blocks, as older ones do.)
    for (const b of byRule) {
      expect(b.reasons[0]).toMatch(
        /^(part of a page that is spam all over: (\d+% of its content text is in blocks scoring [\d.]+ or more \(\d+ of \d+ blocks\)|\d+ of its \d+ content blocks)|a long block \(\d+ characters\) scoring over the long-block threshold|a list of random letter strings|a cell of a link table)/,
      );
    }
    expect(byRule.some((b) => b.reasons[0]!.startsWith('part of a page that is spam all over'))).toBe(true);
    // Furniture (the 4-character list headings) keeps the verdict of its own score.
    const headings = page.blocks.filter((b) => b.text === '相关文章' || b.text === '热门推荐');
    expect(headings).toHaveLength(2);
    for (const b of headings) expect(b.spam).toBe(b.score >= threshold);
    // A copy of the model without the rules flags only the blocks over the verdict line.
    const plain = (await scorerWith((r) => {
      delete r.wholePage;
      delete r.longBlocks;
      delete r.randomLetters;
      delete r.tableCells;
    })).scoreHtml(spiderPool);
    expect(plain.blocks.map((b) => b.spam)).toEqual(plain.blocks.map((b) => b.score >= 0.5));
    expect(plain.spamShare).toBeLessThan(page.spamShare);
  });

  it('flags random-letter lists and the cells of a link table by their rules, and says so', async () => {
    const html =
      '<html><head><title>Harbour news</title></head><body><p>The harbour festival opens on Saturday with boats, music and food stalls along the quay.</p>' +
      '<p><a href="/r1">rcbdwj</a> <a href="/r2">psghwe</a> <a href="/r3">tgiphyy</a></p>' +
      '<table><tr><td><a href="/s1">Slot Gacor Online PLAYTECH situs judi slot terpercaya</a></td><td><a href="/h">Home</a></td><td><a href="/c">Contact us</a></td></tr></table></body></html>';
    const scoreOf = (blocks: Array<{ text: string; score: number }>) => (t: string) => blocks.find((b) => b.text === t)!.score;
    // Scores of a copy without the long-block threshold and random-letter rule: every block on the block threshold's scale.
    const base = scoreOf(
      (
        await scorerWith((r) => {
          delete r.longBlocks;
          delete r.randomLetters;
        })
      ).scoreHtml(html).blocks,
    );
    const gambling = base('Slot Gacor Online PLAYTECH situs judi slot terpercaya');
    const gamblingRaw = rawOf(gambling, scorer.info.modelThreshold);
    const others = ['rcbdwj psghwe tgiphyy', 'Home', 'Contact us', 'The harbour festival opens on Saturday with boats, music and food stalls along the quay.'];
    // The gambling cell scores highest; a copy of the model whose threshold is that score leaves every other block to the rules.
    for (const t of others) expect(base(t)).toBeLessThan(gambling);
    const dir = mkdtempSync(path.join(tmpdir(), 'seospam-rules-'));
    cpSync(DEFAULT_MODEL_DIR, dir, { recursive: true });
    const meta = JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8'));
    delete meta.rollup.wholePage;
    delete meta.rollup.longBlocks;
    meta.rollup.threshold = gamblingRaw;
    meta.rollup.randomLetters = { minWords: 2, minShare: 0.5, minScore: 0 };
    meta.rollup.tableCells = { minScore: 0, maxChars: 100 };
    writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(meta));
    const page = (await loadScorer({ model: dir })).scoreHtml(html);
    rmSync(dir, { recursive: true, force: true });
    const block = (t: string) => page.blocks.find((b) => b.text === t)!;
    expect(page.spam).toBe(true);
    expect(block('rcbdwj psghwe tgiphyy').spam).toBe(true);
    expect(block('rcbdwj psghwe tgiphyy').reasons[0]).toBe('a list of random letter strings scoring over the random-letter threshold 0');
    for (const t of ['Home', 'Contact us']) expect(block(t).reasons[0]).toBe('a cell of a link table with spam cells, scoring 0 or more');
    expect(block('Home').spam && block('Contact us').spam).toBe(true);
    // The paragraph is neither a cell nor random letters: the threshold alone judges it.
    expect(block(others[3]!).spam).toBe(false);
  });

  it('judges long blocks against their own threshold, says so, and drops it for a threshold the caller gives', async () => {
    // A copy without a long-block threshold shows every block on the block threshold's scale; a second
    // copy sets its long-block threshold under the blog's long clean paragraphs.
    const t = scorer.info.modelThreshold;
    const base = (await scorerWith((r) => delete r.longBlocks)).scoreHtml(blog);
    const longClean = base.blocks.filter((b) => b.text.length >= 100 && b.score < 0.5);
    expect(longClean.length).toBeGreaterThan(0);
    // Between the two lowest long clean blocks' own scores, so no block sits on the line.
    const longRaw = longClean.map((b) => rawOf(b.score, t)).sort((a, b) => a - b);
    expect(longRaw.length).toBeGreaterThan(1);
    const low = (longRaw[0]! + longRaw[1]!) / 2;
    const page = (await scorerWith((r) => (r.longBlocks = { minChars: 100, threshold: low }))).scoreHtml(blog);
    for (const [i, b] of page.blocks.entries()) {
      const byLength = b.text.length >= 100 && rawOf(base.blocks[i]!.score, t) >= low;
      expect(b.spam).toBe(base.blocks[i]!.score >= 0.5 || byLength);
      // The shown score agrees with the verdict: a long block over its own threshold reads 0.5 or more.
      if (byLength) expect(b.score).toBeGreaterThanOrEqual(0.5);
      if (byLength && base.blocks[i]!.score < 0.5) expect(b.reasons[0]).toBe(`a long block (${b.text.length} characters) scoring over the long-block threshold ${formatThreshold(low)}`);
    }
    expect(page.spam).toBe(true);
    // With the caller's threshold, every block is judged by it alone.
    const fixed = await scorerWith((r) => (r.longBlocks = { minChars: 100, threshold: low }), t);
    expect(fixed.scoreHtml(blog).blocks.map((b) => b.spam)).toEqual(base.blocks.map((b) => b.score >= 0.5));
  });

  it('a control character in the title neither fails the page nor hides the title', () => {
    const page = hijacked.toString('utf8').replace('<title>澳门葡京娱乐场_', '<title>澳门葡京娱乐场\u0001_');
    const r = scorer.scoreHtml(page);
    expect(r.error).toBeUndefined();
    expect(r.blocks.length).toBeGreaterThan(0);
    expect(r.title?.text).toBe('澳门葡京娱乐场 _百家乐开户送彩金_真人娱乐平台');
  });

  it('scores a batch in order', () => {
    const results = scorer.scoreBatch([
      { content: clean, file: 'a' },
      { content: news, file: 'b', kind: 'text' },
      { content: blog, file: 'c' },
    ]);
    expect(results.map((r) => [r.file, r.spam])).toEqual([
      ['a', false],
      ['b', true],
      ['c', true],
    ]);
  });

  it('never throws on hostile page content: each gets a result', () => {
    const deep = '<div>'.repeat(20000) + 'deep text here' + '</div>'.repeat(20000);
    const hostile: Array<Uint8Array | string> = [
      new Uint8Array(0),
      new Uint8Array([0, 1, 2, 3, 0, 255, 254, 0, 0, 7]),
      deep,
      '<html><body><p>unclosed <b><i><a href="javascript:x">link',
      Buffer.concat([Buffer.from('<meta charset="utf-8"><p>'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('</p>')]),
      '<p>' + 'spam '.repeat(200000) + '</p>',
    ];
    for (const content of hostile) {
      const r = scorer.score(content, { file: 'hostile' });
      expect(typeof r.score).toBe('number');
      if (r.error) expect(r.error).toMatch(/^hostile: /);
    }
    expect(scorer.score(new Uint8Array(0), { file: 'e.html' }).error).toBe('e.html: empty file');
    expect(scorer.score(deep).blocks.map((b) => b.text)).toContain('deep text here');
  });

  it('throws typed errors only on misuse', () => {
    expect(() => scorer.score(42 as unknown as string)).toThrow(UsageError);
    expect(() => scorer.scoreText(Buffer.from('x') as unknown as string)).toThrow(UsageError);
    expect(() => scorer.scoreBatch('pages' as unknown as [])).toThrow(UsageError);
  });

  it('refuses a missing model folder with a ModelError naming it', async () => {
    await expect(loadScorer({ model: '/nonexistent/model' })).rejects.toThrow(ModelError);
    await expect(loadScorer({ model: '/nonexistent/model' })).rejects.toThrow(/\/nonexistent\/model/);
    await expect(loadScorer({ threshold: 3 })).rejects.toThrow(UsageError);
  });
});

describe.skipIf(!hasModel)('createPool', () => {
  let pool: Awaited<ReturnType<typeof createPool>>;
  beforeAll(async () => {
    pool = await createPool({ workers: 2 });
  });
  afterAll(async () => {
    await pool?.close();
  });

  it('keeps input order across workers and matches the in-process scorer', async () => {
    const inputs = Array.from({ length: 12 }, (_, i) => ({ content: [clean, news, blog][i % 3], file: `p${i}` }));
    const results = await pool.scoreBatch(inputs);
    expect(results.map((r) => r.file)).toEqual(inputs.map((p) => p.file));
    const local = await loadScorer();
    expect(results.map((r) => r.score)).toEqual(inputs.map((p) => local.score(p.content, { file: p.file }).score));
  });

  it('gives a broken page an error result and rejects misuse', async () => {
    const [r] = await pool.scoreBatch([{ content: new Uint8Array(0), file: 'empty.html' }]);
    expect(r.error).toBe('empty.html: empty file');
    await expect(pool.score(7 as unknown as string)).rejects.toThrow(UsageError);
  });

  it('fails to start on a bad model, and refuses work once closed', async () => {
    await expect(createPool({ workers: 1, model: '/nonexistent/model' })).rejects.toThrow(/nonexistent/);
    const small = await createPool({ workers: 1 });
    await small.close();
    await expect(small.score(clean)).rejects.toThrow(/closed/);
  });

  it('sizes its workers\' young generation, and refuses a size that is not positive', async () => {
    await expect(createPool({ workers: 1, youngGenerationMb: 0 })).rejects.toThrow(UsageError);
    const roomy = await createPool({ workers: 1, youngGenerationMb: 64 });
    try {
      const [a] = await roomy.scoreBatch([{ content: blog, file: 'blog.html' }]);
      const b = await pool.score(blog, { file: 'blog.html' });
      expect(a!.blocks.map((x) => x.score)).toEqual(b.blocks.map((x) => x.score));
      expect(a!.spam).toBe(true);
    } finally {
      await roomy.close();
    }
  });
});
