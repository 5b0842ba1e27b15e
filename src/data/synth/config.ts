/** The synthesis mix: shapes, rates, positions and ranges, read from a JSON file (data/synth/default.json). */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../errors.js';
import type { Position } from './html-edit.js';
import type { CleanExcerptConfig } from './shapes/clean-excerpt.js';

export const SHAPES = ['clean', 'keyword-list', 'hidden-links', 'link-farm', 'spider-pool', 'gambling', 'english', 'doorway', 'clean-excerpt'] as const;
export type ShapeName = (typeof SHAPES)[number];
export type HideMethod = 'display:none' | 'off-screen' | 'font-size:0' | 'visibility:hidden' | 'overflow';
export type MaterialKind = 'zh' | 'gambling' | 'en';
type Range = [number, number];
type Weights<K extends string> = Partial<Record<K, number>>;

export interface SynthConfig {
  pages: number;
  shapes: Weights<ShapeName>;
  keywordList: {
    items: Range;
    zhBaseShare: number;
    slots: { city: number; sharedKeyword: number; secondKeyword: number; verb: number; number: number; brand: number; phrase: number };
    separators: string[];
    linkRate: number;
    headingRate: number;
    headings: string[];
    tags: string[];
    positions: Weights<Position>;
  };
  hiddenLinks: {
    links: Range;
    methods: Weights<HideMethod>;
    viaClassRule: number;
    textRate: number;
    material: Weights<MaterialKind>;
    tags: string[];
    positions: Weights<Position>;
  };
  linkFarm: {
    links: Range;
    headingRate: number;
    headings: string[];
    containers: Weights<'ul' | 'div' | 'p' | 'table'>;
    separators: string[];
    material: Weights<MaterialKind>;
    positions: Weights<Position>;
  };
  spiderPool: { keywords: Range; gamblingKeywordRate: number };
  gambling: { titleRate: number; metaRate: number; blocks: Range; sentences: Range; anchors: Range; positions: Weights<Position> };
  english: {
    linkBlockRate: number;
    links: Range;
    comments: Range;
    sentencesPerComment: Range;
    linksPerComment: Range;
    hiddenRate: number;
    positions: Weights<Position>;
  };
  /** Doorway pages: percent of article paragraphs rewritten, keywords pushed into each, percent of sentences swapped for spam ones. */
  doorway: { paragraphPercent: Range; keywords: Range; swapPercent: Range; linkRate: number; metaRate: number };
  /**
   * English anchors made of random letters instead of harvested ones, per anchor list (optional; off when absent);
   * pool: each such list picks its anchors from its own vocabulary of that many random words (absent: every anchor fresh);
   * poolRate: the chance that a list is pooled when a pool is given (absent: 1, every list).
   */
  randomAnchors?: { rate: number; letters: Range; pool?: Range; poolRate?: number };
  /** Clean excerpts (optional; defaults in shapes/clean-excerpt.ts). */
  cleanExcerpt?: Partial<CleanExcerptConfig>;
  idStems: string[];
}

/** Path of the default mix shipped with the package. */
export function defaultConfigPath(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../data/synth/default.json');
}

/** Reads a mix file (default: data/synth/default.json), following `extends`; a missing or malformed file is a UsageError. */
export function loadSynthConfig(file?: string): SynthConfig {
  const path = file ?? defaultConfigPath();
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read synth config ${path}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  if (value && typeof value === 'object' && typeof (value as { extends?: unknown }).extends === 'string') {
    // A mix that names another one takes its sections and replaces those it gives itself (top level, whole sections).
    const { extends: base, ...own } = value as { extends: string };
    value = { ...loadSynthConfig(resolve(dirname(path), base)), ...own };
  }
  const c = value as SynthConfig;
  const sections = ['shapes', 'keywordList', 'hiddenLinks', 'linkFarm', 'spiderPool', 'gambling', 'english'] as const;
  for (const s of sections) {
    if (!c || typeof c[s] !== 'object' || c[s] === null) throw new UsageError(`synth config ${path}: missing section "${s}"`);
  }
  for (const k of Object.keys(c.shapes)) {
    if (!(SHAPES as readonly string[]).includes(k)) throw new UsageError(`synth config ${path}: unknown shape "${k}"`);
  }
  if ((c.shapes.doorway ?? 0) > 0 && (typeof c.doorway !== 'object' || c.doorway === null)) throw new UsageError(`synth config ${path}: missing section "doorway"`);
  if (!Array.isArray(c.idStems) || c.idStems.length === 0) throw new UsageError(`synth config ${path}: "idStems" must be a non-empty list`);
  return c;
}
