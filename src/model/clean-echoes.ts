/**
 * Clean echoes: spam-all pages (spider pools, doorways) fill their templates with sentences
 * scraped from ordinary pages, so blocks of them read exactly like a clean page's headline
 * list or paragraph. Such a block is spam by its page, not by its text: trained on as spam it
 * teaches the network that clean headlines are spam. A block echoes clean text when most of
 * its characters lie in pieces (text between spaces and punctuation) that also occur on the
 * real clean training pages.
 */
import type { PreparedPage } from './dataset.js';

/** Pieces shorter than this are everyday words and menu items, not scraped text. */
const MIN_PIECE = 6;
const PIECE_SPLIT = /[\s。！？!?；;，,、：:·|｜…“”"《》【】()（）]+/u;

function pieces(text: string): string[] {
  return text.split(PIECE_SPLIT).filter((p) => p.length >= MIN_PIECE);
}

/** The pieces of the real (not synthetic) clean pages' blocks. */
export function cleanPieces(pages: readonly PreparedPage[]): Set<string> {
  const out = new Set<string>();
  for (const p of pages) {
    if (p.synthetic || p.label !== 'clean') continue;
    for (const t of p.texts) for (const piece of pieces(t)) out.add(piece);
  }
  return out;
}

/** Share of a text's characters that lie in pieces found in `clean` (0 for a text without pieces). */
export function cleanEchoShare(text: string, clean: ReadonlySet<string>): number {
  if (text.length === 0) return 0;
  let echoed = 0;
  for (const piece of pieces(text)) if (clean.has(piece)) echoed += piece.length;
  return echoed / text.length;
}
