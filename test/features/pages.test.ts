/**
 * Whole pages: the spam blocks of hand-written pages (and of the seed, when ../shared is
 * present) sit far outside the range of the same page's article and furniture blocks.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { extractFeatures, featureColumns } from '../../src/features/index.js';
import { readPage } from '../../src/page/index.js';
import type { FeatureMatrix } from '../../src/features/types.js';
import { blockAt, fixturePage } from './make-page.js';
import { value, values } from './values.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seedFile = path.resolve(repoRoot, '../shared/seed/000_6278776c4837406b.txt');

function maxOf(m: FeatureMatrix, blocks: number[], column: string): number {
  return Math.max(...values(m, blocks, column));
}
function minOf(m: FeatureMatrix, blocks: number[], column: string): number {
  return Math.min(...values(m, blocks, column));
}

describe('Chinese news page with a keyword list appended', () => {
  const page = fixturePage('zh-news-keywords');
  const m = extractFeatures(page);
  const spam = blockAt(page, '杭州网站优化');
  const clean = page.blocks.map((_, i) => i).filter((i) => i !== spam);

  test('template features of the keyword list exceed every other block', () => {
    for (const col of ['tpl_skeleton_share', 'tpl_num_phrase_share', 'tpl_affix_share']) {
      expect(value(m, spam, col), col).toBeGreaterThan(maxOf(m, clean, col) + 0.5);
    }
    expect(value(m, spam, 'tpl_skeletons_per_item')).toBeLessThan(minOf(m, clean, 'tpl_skeletons_per_item') - 0.5);
    expect(value(m, spam, 'ctx_vocab_seo')).toBeGreaterThan(maxOf(m, clean, 'ctx_vocab_seo'));
    expect(m.evidence[spam]!.template).toBe('{*}网站优化{*}{N}星辰推广');
  });
});

describe('English blog with a hidden casino link block', () => {
  const page = fixturePage('en-blog-casino');
  const m = extractFeatures(page);
  const spam = blockAt(page, 'best online casino');
  const clean = page.blocks.map((_, i) => i).filter((i) => i !== spam);

  test('link and vocabulary features of the casino block exceed every other block', () => {
    for (const col of ['link_keyword_anchor_share', 'link_external_share', 'link_hosts_log', 'ctx_vocab_gambling', 'ctx_hidden']) {
      expect(value(m, spam, col), col).toBeGreaterThan(maxOf(m, clean, col));
    }
    expect(value(m, spam, 'link_keyword_anchor_share')).toBe(1);
    expect(value(m, spam, 'ctx_main_sim')).toBeLessThan(0.05);
    expect(value(m, blockAt(page, 'Choose compact'), 'ctx_main_sim')).toBeGreaterThan(0.1);
  });
});

describe('ordinary furniture does not look like spam', () => {
  const page = fixturePage('furniture');
  const m = extractFeatures(page);
  const all = page.blocks.map((_, i) => i);

  test('menus, headline lists, tag lists and footers have no template, keyword anchors or spam vocabulary', () => {
    // The brand menu (`晨报新闻 晨报视频 …`) shares a head word like a template, but only over a handful of items.
    const brandMenu = blockAt(page, '晨报新闻');
    expect(value(m, brandMenu, 'tpl_affix_share')).toBeGreaterThan(0.5);
    expect(value(m, brandMenu, 'tpl_template_items_log')).toBeLessThan(Math.log1p(8));
    const others = all.filter((i) => i !== brandMenu);
    expect(maxOf(m, others, 'tpl_skeleton_share')).toBe(0);
    for (const col of ['tpl_num_phrase_share', 'tpl_cut_anchor', 'ctx_vocab_seo', 'ctx_vocab_gambling', 'ctx_vocab_pharma', 'link_external_share']) {
      expect(maxOf(m, all, col), col).toBe(0);
    }
    expect(maxOf(m, all, 'link_keyword_anchor_share')).toBeLessThan(0.35);
    expect(maxOf(m, others, 'rep_top_token_share')).toBeLessThan(0.35);
  });
});

describe.skipIf(!existsSync(seedFile))('the seed page (../shared/seed)', () => {
  if (!existsSync(seedFile)) {
    console.warn(`skipping seed tests: ${seedFile} not found`);
    return;
  }
  const page = readPage(readFileSync(seedFile), { kind: 'text', file: seedFile });
  const m = extractFeatures(page);
  const at = (line: number) => page.blocks.findIndex((b) => b.lines && b.lines[0] <= line && line <= b.lines[1]);
  const keywordLine = at(72);
  const partners = at(80);
  // Article paragraphs: blocks of lines 8–58 with at least 40 characters.
  const article = page.blocks.map((b, i) => i).filter((i) => {
    const b = page.blocks[i]!;
    return b.lines !== null && b.lines[0] >= 8 && b.lines[1] <= 58 && b.chars >= 40;
  });

  test('blocks are found', () => {
    expect(keywordLine).toBeGreaterThanOrEqual(0);
    expect(partners).toBeGreaterThanOrEqual(0);
    expect(partners).not.toBe(keywordLine);
    expect(article.length).toBeGreaterThan(15);
    expect(m.rows.length).toBe(page.blocks.length);
    expect(m.rows[0]!.length).toBe(featureColumns().length);
  });

  test('the run-on keyword line is far outside the article paragraphs on template and repetition features', () => {
    for (const col of ['tpl_skeleton_share', 'tpl_template_items_log', 'tpl_affix_share', 'rep_top_2gram_chars', 'tpl_items_log']) {
      expect(value(m, keywordLine, col), col).toBeGreaterThan(maxOf(m, article, col) + 0.15);
    }
    for (const col of ['tpl_skeletons_per_item', 'rep_type_token_ratio', 'rep_compression_ratio']) {
      expect(value(m, keywordLine, col), col).toBeLessThan(minOf(m, article, col) - 0.15);
    }
    expect(value(m, keywordLine, 'tpl_cut_anchor')).toBe(1);
    expect(m.evidence[keywordLine]!.sharedAffix).toBe('网络公司');
    expect(m.evidence[keywordLine]!.template).toContain('网络公司');
  });

  test('the partner list is far outside the article paragraphs on keyword and vocabulary features', () => {
    for (const col of ['link_keyword_part_share', 'lang_short_part_share']) {
      expect(value(m, partners, col), col).toBeGreaterThan(maxOf(m, article, col) + 0.5);
    }
    // SEO-service words: none in the article, one every few words in the partner list.
    expect(maxOf(m, article, 'ctx_vocab_seo')).toBe(0);
    expect(value(m, partners, 'ctx_vocab_seo')).toBeGreaterThan(0.1);
    expect(value(m, partners, 'lang_end_punct_per_100')).toBeLessThan(minOf(m, article, 'lang_end_punct_per_100'));
  });
});
