/**
 * `seospam synth`: realistic synthetic spam pages built from real material, written as
 * an ordinary corpus folder (labels.jsonl + pages/…), deterministic for a seed.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import type { LabelRecord, Split } from '../types.js';
import { loadSynthConfig, SHAPES, type ShapeName, type SynthConfig } from './config.js';
import { declareUtf8 } from './html-edit.js';
import { harvestMaterial, type Material } from './material.js';
import { Rng } from './prng.js';
import type { ShapeContext, ShapeResult } from './shapes/common.js';
import { cleanExcerptPage } from './shapes/clean-excerpt.js';
import { doorwayPage, doorwayUsable } from './shapes/doorway.js';
import { englishPage } from './shapes/english.js';
import { gamblingPage } from './shapes/gambling.js';
import { hiddenLinksPage } from './shapes/hidden-links.js';
import { keywordListPage } from './shapes/keyword-list.js';
import { linkFarmPage } from './shapes/link-farm.js';
import { spiderPoolPage } from './shapes/spider-pool.js';

export { loadSynthConfig, defaultConfigPath, SHAPES, type SynthConfig, type ShapeName } from './config.js';
export { harvestMaterial, type Material } from './material.js';
export { Rng } from './prng.js';

export interface SynthOptions {
  out: string;
  corpusDir: string;
  materialDir: string;
  split?: Split;
  seed?: number;
  /** Pages to make (default: the config's `pages`). */
  pages?: number;
  config?: SynthConfig;
  /** Called after each page, for progress. */
  onPage?: (done: number, total: number) => void;
}

export interface SynthSummary {
  out: string;
  pages: number;
  byShape: Record<string, number>;
  material: Record<string, number>;
}

function cleanCopy(ctx: ShapeContext): ShapeResult {
  const base = ctx.rng.pick(ctx.material.cleanPages);
  return { html: declareUtf8(base.html), page: 'clean', kinds: [], lang: base.lang, base: base.entry.record.id };
}

const BUILDERS: Record<ShapeName, (ctx: ShapeContext) => ShapeResult> = {
  clean: cleanCopy,
  'keyword-list': keywordListPage,
  'hidden-links': hiddenLinksPage,
  'link-farm': linkFarmPage,
  'spider-pool': spiderPoolPage,
  gambling: gamblingPage,
  english: englishPage,
  doorway: doorwayPage,
  'clean-excerpt': cleanExcerptPage,
};

/** Shapes that need material the split may lack are dropped from the mix. */
function usableShapes(config: SynthConfig, m: Material): Record<ShapeName, number> {
  const w = {} as Record<ShapeName, number>;
  for (const s of SHAPES) w[s] = config.shapes[s] ?? 0;
  if (m.cleanPages.length === 0) throw new UsageError(`no clean HTML pages in the ${m.split} split to build on`);
  if (m.zhKeywords.length === 0) w['keyword-list'] = w['spider-pool'] = 0;
  if (m.spiderTemplates.length === 0) w['spider-pool'] = 0;
  if (m.gamblingSentences.length === 0 || m.gamblingBrands.length === 0) w.gambling = 0;
  if (m.enAnchors.length === 0 || !m.cleanPages.some((p) => p.lang === 'en')) w.english = 0;
  if (!doorwayUsable(m)) w.doorway = 0;
  return w;
}

/** Removes a previous output folder, but only one that synth wrote (synthetic labels only) or an empty one. */
function clearOld(out: string): void {
  if (!existsSync(out)) return;
  const entries = readdirSync(out);
  if (entries.length === 0) return rmSync(out, { recursive: true });
  const labels = join(out, 'labels.jsonl');
  const ok = existsSync(labels) && readFileSync(labels, 'utf8').split('\n').filter((l) => l.trim()).every((l) => l.includes('"synthetic":true'));
  if (!ok) throw new UsageError(`${out} exists and is not a synth output folder; choose another --out`);
  rmSync(out, { recursive: true });
}

/** Makes the synthetic corpus: harvests material, builds pages by the seeded mix, writes atomically. */
export function synthesize(opts: SynthOptions): SynthSummary {
  const out = resolve(opts.out);
  const split = opts.split ?? 'train';
  const seed = opts.seed ?? 1;
  const config = opts.config ?? loadSynthConfig();
  const total = opts.pages ?? config.pages;
  const corpusDir = resolve(opts.corpusDir);
  if (out === corpusDir || out.startsWith(corpusDir + '/')) throw new UsageError('--out must be outside the corpus folder');
  const material = harvestMaterial({ corpusDir, materialDir: opts.materialDir, split });
  const weights = usableShapes(config, material);
  const rng = new Rng(seed);

  const tmp = join(dirname(out), `.${basename(out)}.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(tmp, 'pages'), { recursive: true });
  const lines: string[] = [];
  const byShape: Record<string, number> = {};
  try {
    for (let i = 0; i < total; i++) {
      const shape = rng.weighted(weights);
      // Each page draws from its own generator, so a page's content does not depend on earlier shapes' draw counts.
      const ctx: ShapeContext = { rng: rng.fork(), material, config };
      const r = BUILDERS[shape](ctx);
      const num = String(i).padStart(5, '0');
      const file = `pages/${shape}/${num}.html`;
      mkdirSync(join(tmp, 'pages', shape), { recursive: true });
      writeFileSync(join(tmp, file), r.html);
      const record: LabelRecord = { id: `synth-${split}-${seed}-${num}`, file, source: `synth-${shape}`, lang: r.lang, page: r.page, split };
      if (r.all) record.spam = { all: true };
      else if (r.selectors && r.selectors.length > 0) record.spam = { selectors: r.selectors };
      if (r.kinds.length > 0) record.kinds = r.kinds;
      record.origin = r.base ? `synth from ${r.base} (seed ${seed})` : `synth (seed ${seed})`;
      record.synthetic = true;
      lines.push(JSON.stringify(record));
      byShape[shape] = (byShape[shape] ?? 0) + 1;
      opts.onPage?.(i + 1, total);
    }
    writeFileSync(join(tmp, 'labels.jsonl'), lines.join('\n') + '\n');
    clearOld(out);
    mkdirSync(dirname(out), { recursive: true });
    renameSync(tmp, out);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  const mat: Record<string, number> = {};
  for (const [k, v] of Object.entries(material)) if (Array.isArray(v)) mat[k] = v.length;
  return { out, pages: total, byShape, material: mat };
}
