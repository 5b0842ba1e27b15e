/**
 * Block marks → region labels (what labels.jsonl holds) and back: block selectors for
 * HTML pages, merged 0-based inclusive line ranges for text pages.
 */
import { mapLabels } from '../data/map-labels.js';
import type { LabelRecord, PageLabel } from '../data/types.js';
import type { ParsedPage } from '../page/types.js';
import type { PageChoice } from './types.js';

export type SpamRegions = NonNullable<LabelRecord['spam']>;

/** Line ranges of the marked blocks, in page order; consecutive spam blocks merge into one range. */
export function markedLines(lines: Array<[number, number] | null>, marks: boolean[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let prevSpam = false;
  lines.forEach((range, i) => {
    const spam = marks[i] === true && range !== null;
    if (spam) {
      const last = out[out.length - 1];
      if (prevSpam && last) last[1] = Math.max(last[1], range[1]);
      else out.push([range[0], range[1]]);
    }
    prevSpam = spam;
  });
  return out;
}

/** Selectors of the marked blocks, without repeats and without those inside another marked one. */
export function markedSelectors(selectors: Array<string | null>, marks: boolean[]): string[] {
  const chosen = [...new Set(selectors.filter((s, i): s is string => marks[i] === true && s !== null))];
  return chosen.filter((s) => !chosen.some((outer) => outer !== s && s.startsWith(outer + ' > ')));
}

/** The `spam` field for the marks, or undefined when no block is marked. */
export function spamRegions(parsed: ParsedPage, marks: boolean[]): SpamRegions | undefined {
  const blocks = parsed.page.blocks;
  if (parsed.page.kind === 'text') {
    const lines = markedLines(blocks.map((b) => b.lines), marks);
    return lines.length > 0 ? { lines } : undefined;
  }
  const selectors = markedSelectors(blocks.map((b) => b.selector), marks);
  return selectors.length > 0 ? { selectors } : undefined;
}

/** The page label the marks imply: clean without spam blocks, spam when every block is, else mixed. */
export function autoPageLabel(marks: boolean[]): PageLabel {
  const spam = marks.filter(Boolean).length;
  if (spam === 0) return 'clean';
  return spam === marks.length ? 'spam' : 'mixed';
}

/** The label written for a page: the moderator's choice, or the one the marks imply. */
export function pageLabelOf(choice: PageChoice, marks: boolean[]): PageLabel {
  return choice === 'auto' ? autoPageLabel(marks) : choice;
}

/**
 * What the loader will make of the marks: per block, spam or not once the regions are
 * mapped back (a block inside a marked element counts as spam whatever its own mark).
 */
export function effectiveMarks(parsed: ParsedPage, marks: boolean[]): boolean[] {
  const spam = spamRegions(parsed, marks);
  return mapLabels(parsed, spam).isSpam;
}

/** Per-block marks read back from a labels.jsonl record (for a page labeled earlier). */
export function marksFromRecord(parsed: ParsedPage, record: LabelRecord): boolean[] {
  return mapLabels(parsed, record.spam).isSpam;
}
