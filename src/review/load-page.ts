/** Reading one page for review: parse it as the loader will, and take the model's block verdicts. */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError, describeError } from '../errors.js';
import { parsePage } from '../page/index.js';
import type { PageKind } from '../page/types.js';
import type { PageResult, Scorer } from '../scorer/types.js';
import { pageLang } from './lang.js';
import type { ReviewBlock, ReviewPage } from './types.js';

/** A page to review: its path, and the scored result from a report when there is one. */
export interface PageSource {
  path: string;
  /** Verdicts from a `score --format jsonl` report (used when they fit the page as parsed now). */
  result?: PageResult;
}

/** HTML or text by file name (.txt is text, as in corpora); null when the name does not say. */
export function kindByName(path: string): PageKind | null {
  const ext = extname(path).toLowerCase();
  if (ext === '.txt') return 'text';
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return 'html';
  return null;
}

function kindOfResult(result: PageResult | undefined): PageKind | null {
  const b = result?.blocks[0];
  if (!b) return null;
  return b.lines ? 'text' : 'html';
}

/** Whether a report's blocks are the blocks of the parsed page (same count, same places). */
function fits(result: PageResult, blocks: ReturnType<typeof parsePage>['page']['blocks']): boolean {
  if (result.blocks.length !== blocks.length) return false;
  return result.blocks.every((b, i) => {
    const p = blocks[i];
    if (b.selector !== p.selector) return false;
    if (b.lines === null || p.lines === null) return b.lines === p.lines;
    return b.lines[0] === p.lines[0] && b.lines[1] === p.lines[1];
  });
}

/**
 * Reads, parses and scores a page. The report's verdicts are used when they fit; else the
 * scorer scores it. Throws InputError naming the file when it cannot be read or scored.
 */
export function loadReviewPage(src: PageSource, scorer: Scorer | null, threshold: number): ReviewPage {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(src.path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(src.path, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : 'cannot read');
  }
  const kind = kindByName(src.path) ?? kindOfResult(src.result) ?? undefined;
  let parsed;
  try {
    parsed = parsePage(bytes, { file: src.path, kind });
  } catch (err) {
    throw new InputError(src.path, describeError(err).replace(`${src.path}: `, ''), 'parse');
  }
  const page = parsed.page;
  if (page.blocks.length === 0) throw new InputError(src.path, 'the page has no text blocks to label', 'parse');
  let result: PageResult;
  let used = threshold;
  if (src.result && !src.result.error && fits(src.result, page.blocks)) {
    result = src.result;
  } else if (scorer) {
    result = scorer.score(bytes, { file: src.path, kind: page.kind });
    used = scorer.info.threshold;
    if (result.error) throw new InputError(src.path, result.error.replace(`${src.path}: `, ''), 'parse');
    if (result.blocks.length !== page.blocks.length) throw new InputError(src.path, 'the scorer cut the page into other blocks', 'parse');
  } else {
    throw new InputError(src.path, 'the report does not match the page as it reads now, and no model was loaded to score it');
  }
  const blocks: ReviewBlock[] = page.blocks.map((b, i) => ({
    text: b.text,
    score: result.blocks[i].score,
    modelSpam: result.blocks[i].spam,
    reasons: result.blocks[i].reasons ?? [],
    selector: b.selector,
    lines: b.lines,
    hidden: b.hidden,
  }));
  const allText = page.blocks.map((b) => b.text).join(' ').slice(0, 5000);
  return {
    source: src.path,
    kind: page.kind,
    bytes,
    parsed,
    blocks,
    pageScore: result.score,
    pageSpam: result.spam,
    ...(result.title && (result.title.spam || result.title.reasons?.length) ? { title: { ...result.title, reasons: result.title.reasons ?? [] } } : {}),
    threshold: used,
    lang: pageLang(page.lang ?? result.lang, allText),
  };
}
