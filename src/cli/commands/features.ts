/** `seospam features FILE`: every block's feature row, and which features make it stand out on its page. */
import type { Command } from 'commander';
import { readOnePage, type OnePageFlags } from '../one-page.js';
import { extractFeatures } from '../../features/index.js';
import type { FeatureMatrix } from '../../features/types.js';
import { limitOptions } from '../limits.js';
import type { Block, Page } from '../../page/types.js';

type FeaturesOptions = OnePageFlags;

/** Features shown on a block's "stands out" line. */
const STANDOUT = 5;

function excerpt(text: string, width: number): string {
  const t = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return t.length > width ? `${t.slice(0, width - 1)}…` : t;
}

function where(b: Block): string {
  // Lines and blocks counted from 1 as editors do (the JSON view keeps the 0-based page fields).
  if (b.lines) return b.lines[0] === b.lines[1] ? `L${b.lines[0] + 1}` : `L${b.lines[0] + 1}-${b.lines[1] + 1}`;
  return b.selector ? excerpt(b.selector, 60) : b.tag;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

/**
 * For each block, the features furthest from the page's median in units of the page's
 * interquartile range (floored), most unusual first: why the block stands out here.
 */
export function standouts(m: FeatureMatrix, top = STANDOUT): Array<Array<{ column: string; value: number; median: number }>> {
  const cols = m.columns.length;
  const medians: number[] = [];
  const scales: number[] = [];
  for (let c = 0; c < cols; c++) {
    const vals = m.rows.map((r) => r[c] as number).sort((a, b) => a - b);
    const med = quantile(vals, 0.5);
    medians.push(med);
    scales.push(Math.max(quantile(vals, 0.75) - quantile(vals, 0.25), 0.05 * Math.max(1, Math.abs(med))));
  }
  return m.rows.map((row) => {
    const scored: Array<{ column: string; value: number; median: number; z: number }> = [];
    for (let c = 0; c < cols; c++) {
      const v = row[c] as number;
      const z = Math.abs(v - (medians[c] as number)) / (scales[c] as number);
      if (z >= 2) scored.push({ column: m.columns[c] as string, value: v, median: medians[c] as number, z });
    }
    scored.sort((a, b) => b.z - a.z);
    return scored.slice(0, top).map(({ column, value, median }) => ({ column, value, median }));
  });
}

function fmt(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(3);
}

/** The table view: per block a header, the standing-out features, evidence, then all values. */
export function formatFeaturesTable(page: Page, m: FeatureMatrix): string {
  const out: string[] = [];
  out.push(`${page.file ?? '-'}: ${page.kind}, ${page.blocks.length} blocks, feature set ${m.version}, ${m.columns.length} features`);
  const stand = standouts(m);
  const width = Math.max(...m.columns.map((c) => c.length));
  page.blocks.forEach((b, i) => {
    out.push('');
    out.push(`#${b.index + 1} ${where(b)}  ${b.chars} chars${b.hidden ? `  hidden (${b.hiddenBy ?? '?'})` : ''}  «${excerpt(b.text, 60)}»`);
    const s = stand[i] ?? [];
    if (s.length > 0) out.push(`  stands out: ${s.map((x) => `${x.column}=${fmt(x.value)} (page median ${fmt(x.median)})`).join(', ')}`);
    const ev = m.evidence[i] ?? {};
    if (Object.keys(ev).length > 0) out.push(`  evidence: ${JSON.stringify(ev)}`);
    const row = m.rows[i] as Float32Array;
    const cells = m.columns.map((c, k) => `${c.padEnd(width)} ${fmt(row[k] as number).padStart(7)}`);
    for (let k = 0; k < cells.length; k += 3) out.push(`  ${cells.slice(k, k + 3).join('   ')}`);
  });
  return out.join('\n') + '\n';
}

/** The JSON view: one object with the columns and, per block, its values by name and evidence. */
export function featuresJson(page: Page, m: FeatureMatrix): unknown {
  const stand = standouts(m);
  return {
    file: page.file,
    featureSetVersion: m.version,
    tokenizer: m.tokenizer,
    columns: m.columns,
    blocks: page.blocks.map((b, i) => ({
      index: b.index,
      selector: b.selector,
      lines: b.lines,
      text: b.text,
      features: Object.fromEntries(m.columns.map((c, k) => [c, Number((m.rows[i] as Float32Array)[k])])),
      standsOut: (stand[i] ?? []).map((x) => x.column),
      evidence: m.evidence[i],
    })),
  };
}

async function runFeatures(file: string, opts: FeaturesOptions): Promise<void> {
  const page = await readOnePage(file, opts);
  const m = extractFeatures(page);
  process.stdout.write(opts.format === 'json' ? JSON.stringify(featuresJson(page, m)) + '\n' : formatFeaturesTable(page, m));
}

/** Registers `features` on the program. */
export function registerFeatures(program: Command): void {
  const cmd = program
    .command('features')
    .description("print each block's feature values, what stands out on the page, and the evidence behind it")
    .argument('<file>', 'an HTML or text page, an http(s) URL, or - for stdin')
    .option('--format <format>', 'table or json', 'table')
    .option('--kind <kind>', 'read as html or text instead of deciding by content')
    .option('--url <url>', 'the page URL (tells internal from external links)')
    .option('--content-type <value>', 'HTTP Content-Type header, for the charset');
  limitOptions(cmd).action(runFeatures);
}
