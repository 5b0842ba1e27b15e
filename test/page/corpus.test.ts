/** Regression over the real labeled pages in ../shared (skipped when that folder is absent). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { charsetFromMeta } from '../../src/page/decode.js';
import { parsePage } from '../../src/page/index.js';
import { selectorProblems, sharedRoot } from './helpers/pages.js';

const corpus = path.join(sharedRoot, 'corpus');
const seedFile = path.join(sharedRoot, 'seed', '000_6278776c4837406b.txt');
const haveCorpus = existsSync(path.join(corpus, 'labels.jsonl'));
if (!haveCorpus) console.warn(`page corpus tests skipped: ${corpus} not found`);

interface Rec {
  id: string;
  file: string;
  lang: string;
}
const records: Rec[] = haveCorpus
  ? readFileSync(path.join(corpus, 'labels.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Rec)
  : [];
const bytesOf = (r: Rec): Uint8Array => new Uint8Array(readFileSync(path.join(corpus, r.file)));

/** U+FFFD that the page's own bytes force: the fewest that a plain UTF-8 or GB18030 decode of them gives (a stale declared charset, or a multibyte character cut in the source). */
function replacementCharsIn(bytes: Uint8Array): number {
  const count = (label: string): number => new TextDecoder(label).decode(bytes).split('\uFFFD').length - 1;
  return Math.min(count('utf-8'), count('gb18030'));
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/g;
const LETTER = /\p{L}/gu;

describe.skipIf(!haveCorpus)('corpus pages', () => {
  it('parses every page in labels.jsonl without throwing, with blocks and in-bounds spans', () => {
    const failures: string[] = [];
    for (const r of records) {
      try {
        const { page, spans } = parsePage(bytesOf(r), { file: r.file });
        if (page.blocks.length === 0) failures.push(`${r.file}: no blocks`);
        page.blocks.forEach((b, i) => {
          if (!b.text || b.text !== b.text.trim() || /\s\s/.test(b.text)) failures.push(`${r.file}: block ${i} text not collapsed`);
          for (const s of spans[i]) if (s.start < 0 || s.end > b.text.length || s.start >= s.end) failures.push(`${r.file}: block ${i} bad span`);
        });
      } catch (err) {
        failures.push(`${r.file}: ${(err as Error).message}`);
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
  });

  it('decodes every zh page declared or sniffed as GBK/GB2312 to CJK text, adding no U+FFFD of its own', () => {
    const zh = records.filter((r) => r.lang === 'zh');
    let checked = 0;
    for (const r of zh) {
      const bytes = bytesOf(r);
      const declared = charsetFromMeta(bytes);
      const { page } = parsePage(bytes, { file: r.file });
      if (declared !== 'gb18030' && page.charset !== 'gb18030') continue;
      checked++;
      const text = page.blocks.map((b) => b.text).join('\n');
      // A page may carry U+FFFD or broken sequences in its own bytes: the decoder must add none of its own.
      expect(text.split('\uFFFD').length - 1, `${r.file}: U+FFFD not in its bytes`).toBeLessThanOrEqual(replacementCharsIn(bytes));
      const cjk = text.match(CJK)?.length ?? 0;
      const letters = text.match(LETTER)?.length ?? 1;
      expect(cjk / letters, `${r.file} CJK share`).toBeGreaterThan(0.5);
      expect(page.title.includes('\uFFFD'), `${r.file} title`).toBe(false);
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('round-trips block selectors on a sample of real pages', () => {
    const sample = records.filter((_, i) => i % 60 === 0);
    for (const r of sample) {
      const parsed = parsePage(bytesOf(r), { file: r.file });
      if (parsed.page.kind !== 'html') continue;
      expect(selectorProblems(parsed).slice(0, 5), r.file).toEqual([]);
    }
  });
});

describe.skipIf(!existsSync(seedFile))('the seed page', () => {
  it('comes out as the founding example describes', () => {
    const { page } = parsePage(new Uint8Array(readFileSync(seedFile)), { file: seedFile });
    expect(page.kind).toBe('text');
    expect(page.title).toBe('卢建军率队赴苏州推进合作交流-天下网标王');
    const at = (line: number) => page.blocks.find((b) => b.lines![0] <= line && line <= b.lines![1])!;
    // Article paragraphs (long lines) are separate blocks.
    for (let line = 8; line <= 58; line += 2) {
      if (page.blocks.some((b) => b.lines![0] === line)) expect(at(line).lines).toEqual([line, line]);
    }
    expect(at(8)).not.toBe(at(12));
    expect(at(70).lines).toEqual([70, 70]);
    expect(at(72).lines).toEqual([72, 72]);
    expect(at(72).chars).toBeGreaterThan(1000);
    expect(at(74).lines).toEqual([74, 74]);
    expect(at(74).text).toBe('合作伙伴');
    const partners = at(76);
    expect(partners.lines).toEqual([76, 85]);
    expect(partners.parts).toHaveLength(9);
    expect(partners.parts[0]).toBe('天下网标王');
  });
});
