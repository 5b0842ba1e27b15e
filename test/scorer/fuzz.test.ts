/** A small run of scripts/fuzz.mjs's mutations over the repository's own example pages: every page a result, none throws. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScorer, type PageResult, type Scorer } from '../../src/scorer/index.js';
import { examples, hasModel, repoRoot } from '../cli/run-cli.js';
import { MUTATIONS, makeRandom, mutate } from '../../scripts/fuzz-mutations.mjs';

type Mutate = (page: Buffer, r: unknown) => { bytes: Buffer; applied: string[] };

const pages = [
  ...readdirSync(examples).filter((f) => f.endsWith('.html') || f.endsWith('.txt')).map((f) => path.join(examples, f)),
  ...['en-blog-hidden.html', 'zh-news-spam.html', 'zh-article.txt'].map((f) => path.join(repoRoot, 'test/fixtures/page', f)),
  path.join(repoRoot, 'test/fixtures/cli/gbk-page.html'),
].map((f) => readFileSync(f));

function wellFormed(r: PageResult): boolean {
  if (typeof r.score !== 'number' || typeof r.spam !== 'boolean' || !Array.isArray(r.blocks)) return false;
  if (r.error !== undefined) return typeof r.error === 'string' && r.blocks.length === 0;
  return r.blocks.every((b) => typeof b.text === 'string' && Number.isFinite(b.score));
}

describe.skipIf(!hasModel)('fuzzed pages', () => {
  let scorer: Scorer;
  beforeAll(async () => {
    scorer = await loadScorer({ limits: { maxBytes: 512 * 1024 } });
  });

  it('every mutation of every fixture comes back as a result', () => {
    const r = makeRandom(7);
    const names = Object.keys(MUTATIONS as Record<string, unknown>);
    for (const name of names) {
      const page = pages[r.int(pages.length)];
      const out = (MUTATIONS as Record<string, (p: Buffer, r: unknown) => Buffer>)[name](page, r);
      const result = scorer.score(out, { file: name });
      expect(wellFormed(result), name).toBe(true);
    }
  });

  it('50 pages of mixed mutations: no throw, every page a result', () => {
    const errors: string[] = [];
    for (let i = 0; i < 50; i++) {
      const r = makeRandom(1000 + i);
      const { bytes, applied } = (mutate as Mutate)(pages[r.int(pages.length)], r);
      const result = scorer.score(bytes, { file: applied.join('+') });
      expect(wellFormed(result), applied.join('+')).toBe(true);
      if (result.error) errors.push(result.error);
    }
    // Errors are readable one-liners (empty or binary pages), never a stack trace.
    for (const e of errors) expect(e).toMatch(/^[\w+]+: (empty file|binary content, not a text or HTML page)$/);
  });
});
