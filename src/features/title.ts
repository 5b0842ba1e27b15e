/**
 * The page title, read as a one-line text page so that the block model can score it
 * like any block: a hijacked title (gambling keywords stuffed into a furniture shop's
 * title) is spam that no body block holds.
 */
import { parsePage } from '../page/index.js';
import { DEFAULT_TOKENIZER, extractFeatures } from './index.js';
import type { FeatureMatrix, TokenizerSettings } from './types.js';

/** Characters of a title that are read (a stuffed title can run long). */
export const MAX_TITLE_CHARS = 500;

/** Whitespace and control characters (a stray one would make the line read as binary). */
const SPACE_OR_CONTROL = /[\s\p{Cc}]+/gu;

/** The title, whitespace and control characters collapsed to single spaces, cut to MAX_TITLE_CHARS; '' when it has no text. */
export function titleText(title: string): string {
  return title.replace(SPACE_OR_CONTROL, ' ').trim().slice(0, MAX_TITLE_CHARS);
}

/** Letters of any script: a title without one (symbols, emoji, U+FFFD from a wrong charset) says nothing to judge. */
const LETTER = /\p{L}/u;

/** Feature rows of the title as a one-line text page (one block), or null for a title without letters. */
export function titleFeatures(title: string, tokenizer: TokenizerSettings = DEFAULT_TOKENIZER): FeatureMatrix | null {
  const text = titleText(title);
  if (!LETTER.test(text)) return null;
  try {
    return extractFeatures(parsePage(text, { kind: 'text' }).page, tokenizer);
  } catch {
    return null; // a title the page stage cannot read is not judged; the page's blocks still are
  }
}
