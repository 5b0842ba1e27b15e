/** Input shapes of the HTML reports: the moderator's page report and the trainer's eval report. */
import type { ScorerInfo } from '../scorer/types.js';

/** What the page report says about the run; every field may be unknown (e.g. a bare JSONL file). */
export interface ReportInfo extends Partial<ScorerInfo> {
  /** Report title; defaults to "seospam report". */
  title?: string;
  /** Where the results came from (a JSONL file name, a folder), shown as text. */
  source?: string;
  /** When the report was made, ISO 8601; omitted from the file when absent. */
  generated?: string;
}

/** Counts of a finished page report. */
export interface ReportSummary {
  pages: number;
  spamPages: number;
  errors: number;
  blocks: number;
  spamBlocks: number;
  /** Bytes written to the HTML file. */
  bytes: number;
}

/*
 * Eval report input. These shapes are the minimum the eval report reads; the
 * model stage's EvalResult (src/model/evaluate.ts) is assignable to EvalReportInput
 * as is. Optional fields are shown when present.
 */

/** One point of a precision-recall curve. */
export interface PrPoint {
  threshold: number;
  precision: number;
  recall: number;
}

/** Precision, recall and F1 of one threshold. */
export interface ThresholdRow {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of clean pages flagged at this threshold. */
  cleanPageFpr?: number;
  /** Non-spam characters flagged, as a share of all non-spam characters. */
  falseSpamCharShare?: number;
}

/** Confusion counts (of blocks, unless `EvalSet.unit` says pages). */
export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** One row of a per-source or per-language breakdown, at the model's threshold. */
export interface BreakdownRow {
  /** The source name or language code. */
  key: string;
  confusion: Confusion;
  pages?: number;
  cleanPageFpr?: number;
}

/** Page-level counts of a set, when the evaluator made them. */
export interface PageCounts {
  precision: number;
  recall: number;
  f1: number;
  confusion: Confusion;
  cleanPageFpr: number;
}

/** The evaluation of one model on one set (e.g. real dev pages, or synthetic pages). */
export interface EvalSet {
  /** Name shown as a heading, e.g. "real dev" or "synthetic"; sets are matched across models by name. */
  name: string;
  /** Synthetic sets are reported apart from real ones. */
  synthetic: boolean;
  /** What was counted; defaults to 'block'. */
  unit?: 'block' | 'page';
  pages?: number;
  blocks?: number;
  spamBlocks?: number;
  /** The precision-recall curve, in any order (drawn by recall). */
  pr: PrPoint[];
  /** Threshold table rows, shown in the given order. */
  thresholds: ThresholdRow[];
  /** Counts at the model's threshold. */
  confusion: Confusion;
  bySource: BreakdownRow[];
  byLanguage: BreakdownRow[];
  /** Area under the PR curve (average precision); null or absent when unknown. */
  averagePrecision?: number | null;
  page?: PageCounts;
  falseSpamCharShare?: number;
}

/** One model's evaluation: its name, version, threshold and sets. */
export interface ModelEval {
  model: string;
  modelVersion: string;
  threshold: number;
  sets: EvalSet[];
}

/** A block whose verdict differs between the first two models. */
export interface ChangedBlock {
  /** Page file (or id) and the block's place in it. */
  file: string;
  selector: string | null;
  lines: [number, number] | null;
  text: string;
  /** The gold label (true = spam), when known. */
  label?: boolean;
  /** Set name the block belongs to, e.g. "real dev". */
  set?: string;
  before: { score: number; spam: boolean };
  after: { score: number; spam: boolean };
}

/** Input of `renderEvalReport`: the model first, then baselines or the compared model. */
export interface EvalReportInput {
  title?: string;
  generated?: string;
  backend?: string;
  featureSetVersion?: string;
  models: ModelEval[];
  /** Blocks whose verdict changed from models[0] to models[1]. */
  changed?: ChangedBlock[];
  /** Things a reader should know (skipped baselines, pages that failed to load). */
  notes?: string[];
}
