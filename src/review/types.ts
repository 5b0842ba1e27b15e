/** What the moderator's review works on: pages with the model's verdicts and the moderator's marks. */
import type { PageLabel, Split } from '../data/types.js';
import type { PageKind, ParsedPage } from '../page/types.js';

/** The page label the moderator chose, or 'auto' (from the marked blocks). */
export type PageChoice = 'auto' | PageLabel;

/** One block as the review shows it. */
export interface ReviewBlock {
  text: string;
  /** The model's score and verdict. */
  score: number;
  modelSpam: boolean;
  /** The model's reasons in words (spam blocks); empty when clean or when the report had none. */
  reasons: string[];
  selector: string | null;
  lines: [number, number] | null;
  hidden: boolean;
}

/** One page, read and scored, ready to review. */
export interface ReviewPage {
  /** Path the page was read from (as given). */
  source: string;
  kind: PageKind;
  bytes: Uint8Array;
  parsed: ParsedPage;
  blocks: ReviewBlock[];
  /** The model's page score and verdict, and the block threshold it used. */
  pageScore: number;
  pageSpam: boolean;
  /** The title when the model flagged it or gave reasons for it (it scored near its threshold). */
  title?: { text: string; score: number; spam: boolean; reasons: string[] };
  threshold: number;
  lang: string;
}

/** The moderator's decision on one page, before it becomes a labels.jsonl line. */
export interface PageMarks {
  /** Per block: spam (true) or clean. */
  marks: boolean[];
  page: PageChoice;
}

/** How written lines are filled in. */
export interface WriteSettings {
  /** The `source` field (and the folder under pages/). */
  source: string;
  /** Split of newly labeled pages. */
  split: Split;
  /** Share of new pages sent to dev instead, chosen by a hash of the page id (0 = none). */
  devShare: number;
  /** The `lang` field for every page, instead of the page's own or a guess. */
  lang?: string;
}
