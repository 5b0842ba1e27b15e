/** Reasons in words: each said once, clean ranges in words, and never a spam block without one. */
import { mkdtempSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReasonWriter, scoreReason, nearTitleReason, TITLE_NEAR_MARGIN } from '../../src/scorer/reasons.js';
import { formatThreshold } from '../../src/scorer/numbers.js';
import { DEFAULT_MODEL_DIR, loadScorer } from '../../src/scorer/index.js';
import { examples, hasModel } from '../cli/run-cli.js';

const columns = ['ctx_vocab_gambling', 'ctx_vocab_seo', 'tpl_affix_share', 'lang_stop_share'];
const cleanRanges = {
  ctx_vocab_gambling: { p5: 0, p50: 0, p95: 0 },
  ctx_vocab_seo: { p5: 0, p50: 0, p95: 0 },
  tpl_affix_share: { p5: 0, p50: 0.05, p95: 0.2 },
  lang_stop_share: { p5: 0.1, p50: 0.3, p95: 0.5 },
};
const evidence = { vocabulary: ['online casino', '网站优化'], sharedAffix: '装修公司' };

describe('ReasonWriter', () => {
  it('says a reason two features phrase alike once, with --explain too', () => {
    const row = Float32Array.from([0.4, 0.3, 0.9, 0.3]);
    for (const explain of [false, true]) {
      const reasons = new ReasonWriter({ columns, cleanRanges, explain, max: 5 }).reasons(row, evidence);
      expect(reasons.filter((r) => r.startsWith('spam vocabulary:'))).toHaveLength(1);
      expect(reasons.filter((r) => r.includes('装修公司'))).toHaveLength(1);
      expect(reasons).toHaveLength(2);
    }
  });

  it('--explain adds the value only when the reason does not already say it, and the clean range in the same units, one value in words', () => {
    const row = Float32Array.from([0.4, 0, 0.9, 0.05]);
    const reasons = new ReasonWriter({ columns, cleanRanges, explain: true, max: 5 }).reasons(row, evidence);
    // Most telling first: how far past its clean range each value lies, in units of that range.
    expect(reasons).toEqual([
      'spam vocabulary: online casino, 网站优化 [ctx_vocab_gambling = 0.400; 90% of clean blocks at 0.000]',
      '90% of items share the word `装修公司` [tpl_affix_share; clean blocks 0%–20%]',
      'few function words (5%), not prose [lang_stop_share; clean blocks 10%–50%]',
    ]);
    expect(reasons.join('\n')).not.toMatch(/(\d[.\d]*%?)–\1(?![\d.])/);
  });

  it('gives the fallback (the score against the threshold) when no feature stands out, and only then', () => {
    const writer = new ReasonWriter({ columns, cleanRanges, explain: false, max: 3 });
    const plain = Float32Array.from([0, 0, 0.1, 0.3]);
    expect(writer.reasons(plain, {})).toEqual([]);
    const fallback = scoreReason(0.9962, 0.5, 'block');
    expect(writer.reasons(plain, {}, fallback)).toEqual(["the model scores it 0.996, at or over the block's verdict line 0.5 (no single feature stands out)"]);
    expect(writer.reasons(Float32Array.from([0.4, 0, 0, 0.3]), evidence, fallback)).toEqual(['spam vocabulary: online casino, 网站优化']);
    expect(scoreReason(0.41, 0.5, 'block')).toBe("the model scores it 0.410, under the verdict line 0.5, and the page's rollup flags it");
    expect(nearTitleReason(0.437, 0.5)).toBe('scores 0.437, under the verdict line 0.5: not flagged');
  });
});

describe('formatThreshold', () => {
  it('prints as many decimals as a threshold needs, up to four', () => {
    expect(formatThreshold(0.985)).toBe('0.985');
    expect(formatThreshold(0.5)).toBe('0.5');
    expect(formatThreshold(0.99186)).toBe('0.9919');
    expect(formatThreshold(0.977)).toBe('0.977');
    expect(formatThreshold(0.000023)).toBe('0.000023');
    expect(formatThreshold(0)).toBe('0');
  });
});

describe.skipIf(!hasModel)('reasons from the scorer', () => {
  it('gives every spam block at least one reason, even at a threshold where most blocks are spam', async () => {
    const low = await loadScorer({ threshold: 0.05 });
    let spam = 0;
    let byScore = 0;
    for (const f of ['news-with-keyword-list.txt', 'blog-with-hidden-links.html', 'clean-article.html', 'shop-with-hijacked-title.html', 'spider-pool-page.html']) {
      const r = low.score(readFileSync(path.join(examples, f)), { file: f });
      for (const b of r.blocks) {
        if (!b.spam) continue;
        spam++;
        expect(b.reasons.length, `${f}: ${b.text.slice(0, 40)}`).toBeGreaterThan(0);
        if (b.reasons[0]!.startsWith('the model scores it')) byScore++;
      }
    }
    expect(spam).toBeGreaterThan(20);
    // Some of them have no feature out of its clean range: the fallback speaks for those.
    expect(byScore).toBeGreaterThan(0);
  });

  it('shows a title that scored just under its threshold, saying how near, and not one far under', async () => {
    const hijacked = readFileSync(path.join(examples, 'shop-with-hijacked-title.html'));
    const clean = readFileSync(path.join(examples, 'clean-article.html'));
    const shipped = await loadScorer();
    // The title's own network score, from its shown score (under the line: shown = raw / titleThreshold × 0.5).
    const shippedMeta = JSON.parse(readFileSync(path.join(DEFAULT_MODEL_DIR, 'meta.json'), 'utf8'));
    const shown = shipped.scoreHtml(hijacked).title!.score;
    const tt = shippedMeta.rollup.titleThreshold as number;
    const score = shown < 0.5 ? (shown * tt) / 0.5 : tt + ((shown - 0.5) * (1 - tt)) / 0.5;
    // A copy of the model whose title threshold sits just over this title's score: shown just under 0.5.
    const dir = mkdtempSync(path.join(tmpdir(), 'seospam-near-'));
    cpSync(DEFAULT_MODEL_DIR, dir, { recursive: true });
    const meta = JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8'));
    const threshold = Math.min(1, score * 1.05);
    meta.rollup.titleThreshold = threshold;
    writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(meta));
    const near = await loadScorer({ model: dir });
    rmSync(dir, { recursive: true, force: true });
    const title = near.scoreHtml(hijacked).title!;
    expect(title.spam).toBe(false);
    expect(title.score).toBeGreaterThanOrEqual(0.5 - TITLE_NEAR_MARGIN);
    expect(title.reasons[0]).toBe(nearTitleReason(title.score, 0.5));
    expect(title.reasons.join(' ')).toMatch(/百家乐|开户|葡京/);
    const plain = near.scoreHtml(clean).title!;
    expect(plain.score).toBeLessThan(0.5 - TITLE_NEAR_MARGIN);
    expect(plain.reasons).toEqual([]);
  });
});
