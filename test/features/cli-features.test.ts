import { expect, test } from 'vitest';
import { featuresJson, formatFeaturesTable, standouts } from '../../src/cli/commands/features.js';
import { extractFeatures } from '../../src/features/index.js';
import { blockAt, fixturePage } from './make-page.js';

const page = fixturePage('zh-news-keywords');
const m = extractFeatures(page);
const spam = blockAt(page, '杭州网站优化');

test('the keyword list stands out on template features; an article paragraph does not', () => {
  const s = standouts(m);
  const cols = s[spam]!.map((x) => x.column);
  expect(cols.some((c) => c.startsWith('tpl_'))).toBe(true);
  const para = blockAt(page, '展销会为期三天');
  expect(s[para]!.map((x) => x.column).filter((c) => c.startsWith('tpl_'))).toEqual([]);
});

test('the table names the block, what stands out and the template evidence', () => {
  const table = formatFeaturesTable(page, m);
  expect(table).toContain(`#${spam} `);
  expect(table).toContain('stands out:');
  expect(table).toContain('{*}网站优化{*}{N}星辰推广');
  for (const c of m.columns) expect(table).toContain(c);
});

test('the JSON view has every block with every feature by name', () => {
  const j = JSON.parse(JSON.stringify(featuresJson(page, m))) as {
    columns: string[];
    blocks: Array<{ text: string; features: Record<string, number>; evidence: { template?: string } }>;
  };
  expect(j.blocks.length).toBe(page.blocks.length);
  expect(Object.keys(j.blocks[spam]!.features)).toEqual(j.columns);
  expect(j.blocks[spam]!.features['tpl_skeleton_share']).toBe(1);
  expect(j.blocks[spam]!.evidence.template).toBe('{*}网站优化{*}{N}星辰推广');
});
