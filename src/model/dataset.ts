/**
 * Labeled corpora turned into what training and evaluation consume: per page,
 * its feature matrix and per-block gold labels and sizes.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { eachCorpusPage } from '../data/index.js';
import type { LabeledPage, PageLabel, Split } from '../data/types.js';
import { extractFeatures } from '../features/index.js';
import { titleFeatures } from '../features/title.js';
import { isFurniture } from '../page/furniture.js';
import type { FeatureMatrix, TokenizerSettings } from '../features/types.js';

export interface PreparedPage {
  id: string;
  /** Page file, relative to its corpus folder. */
  file: string;
  corpus: string;
  source: string;
  lang: string;
  /** The site or spam campaign (labels' `group`); absent: the page is its own group. */
  group?: string;
  /** Kinds of spam the label names (empty for clean pages). */
  kinds: string[];
  /** For a synthetic page, the id of the real page it was made from (its `origin`), so cross-validation keeps it with that page's group. */
  base?: string;
  synthetic: boolean;
  label: PageLabel;
  matrix: FeatureMatrix;
  /** The page title as a one-line block (features/title.ts), null when the page has none. */
  titleMatrix: FeatureMatrix | null;
  /** Per block: characters, share of them in spam regions, and the block label (share >= 0.5). */
  chars: number[];
  spamShare: number[];
  isSpam: boolean[];
  /** Labelled `spam.all`: every block but furniture is spam because the whole page is. */
  spamAll: boolean;
  /** Per block: page furniture (page/furniture.ts), which the spam-page rule leaves alone. */
  furniture: boolean[];
  /** Per block, for listing blocks to a person and for baselines. */
  texts: string[];
  parts: string[][];
  linkChars: number[];
  selectors: Array<string | null>;
  lines: Array<[number, number] | null>;
}

/** Features and labels of one labeled page. */
export function preparePage(p: LabeledPage, corpus: string, tokenizer?: TokenizerSettings): PreparedPage {
  const page = p.parsed.page;
  return {
    id: p.record.id,
    file: p.record.file,
    corpus,
    source: p.record.source,
    lang: p.record.lang,
    ...(p.record.group === undefined ? {} : { group: p.record.group }),
    kinds: p.record.kinds ?? [],
    ...(baseOf(p.record.origin) === undefined ? {} : { base: baseOf(p.record.origin) }),
    synthetic: p.synthetic,
    label: p.record.page,
    matrix: extractFeatures(page, tokenizer),
    titleMatrix: titleFeatures(page.title, tokenizer),
    chars: page.blocks.map((b) => b.chars),
    spamShare: [...p.spamShare],
    isSpam: [...p.isSpam],
    spamAll: p.record.spam?.all === true,
    furniture: page.blocks.map(isFurniture),
    texts: page.blocks.map((b) => b.text),
    parts: page.blocks.map((b) => b.parts),
    linkChars: page.blocks.map((b) => b.linkChars),
    selectors: page.blocks.map((b) => b.selector),
    lines: page.blocks.map((b) => b.lines),
  };
}

/** The real page a synthetic page was made from, read from `synth`'s origin line ("synth from ID (seed N)"). */
function baseOf(origin: string | undefined): string | undefined {
  return origin?.match(/^synth from (\S+) \(seed/)?.[1];
}

export interface LoadedPages {
  pages: PreparedPage[];
  /** One line per page that could not be loaded (`file: reason`). */
  errors: string[];
}

/** Loads the `split` of every corpus folder and extracts features. */
export async function loadPages(dirs: readonly string[], split: Split, tokenizer?: TokenizerSettings): Promise<LoadedPages> {
  const pages: PreparedPage[] = [];
  const errors: string[] = [];
  for (const dir of dirs) {
    // Page by page: only the features and labels are kept, never every page's DOM at once.
    const corpus = await eachCorpusPage(dir, { split, onError: 'collect' }, (p) => pages.push(preparePage(p, resolve(dir), tokenizer)));
    for (const e of corpus.errors) errors.push(describeLoadError(e));
  }
  return { pages, errors };
}

function describeLoadError(e: unknown): string {
  if (e instanceof Error) return e.message;
  return typeof e === 'string' ? e : JSON.stringify(e);
}

/** sha256 over the corpora's labels.jsonl files and the sorted list of training pages. */
export async function corpusFingerprint(dirs: readonly string[], trainPages: readonly PreparedPage[]): Promise<string> {
  const h = createHash('sha256');
  // Folder names are left out: a synthetic corpus lives in a fresh temp folder each run.
  const labels = await Promise.all(dirs.map((d) => readFile(join(d, 'labels.jsonl')).catch(() => Buffer.alloc(0))));
  for (const hex of labels.map((b) => createHash('sha256').update(b).digest('hex')).sort()) h.update(hex + '\n');
  const list = trainPages.map((p) => `${p.synthetic ? 'synthetic' : 'real'}:${p.file}`).sort();
  h.update(list.join('\n'));
  return 'sha256:' + h.digest('hex');
}
