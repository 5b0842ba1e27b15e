/** Checks that a parsed JSON value is a PageResult, naming the first field that is wrong. */
import type { BlockResult, PageResult, Truncation } from '../scorer/types.js';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
function optString(v: unknown): v is string | null | undefined {
  return v === undefined || v === null || typeof v === 'string';
}

function blockProblem(b: unknown, i: number): string | null {
  const at = `blocks[${i}]`;
  if (!isObject(b)) return `${at} is not an object`;
  if (typeof b.text !== 'string') return `${at}.text is not a string`;
  if (!isNum(b.score)) return `${at}.score is not a number`;
  if (typeof b.spam !== 'boolean') return `${at}.spam is not true or false`;
  if (!optString(b.selector)) return `${at}.selector is not a string or null`;
  if (b.lines !== undefined && b.lines !== null) {
    if (!Array.isArray(b.lines) || b.lines.length !== 2 || !b.lines.every(Number.isInteger)) {
      return `${at}.lines is not [first, last]`;
    }
  }
  if (b.reasons !== undefined && (!Array.isArray(b.reasons) || !b.reasons.every((r) => typeof r === 'string'))) {
    return `${at}.reasons is not a list of strings`;
  }
  if (b.hidden !== undefined && b.hidden !== null && typeof b.hidden !== 'string') return `${at}.hidden is not a string`;
  return null;
}

/** The PageResult in `value`, or a short reason why it is not one. */
export function toPageResult(value: unknown): { result: PageResult } | { problem: string } {
  if (!isObject(value)) return { problem: 'not a JSON object' };
  if (!optString(value.file)) return { problem: 'file is not a string or null' };
  if (!optString(value.url)) return { problem: 'url is not a string or null' };
  if (!optString(value.lang)) return { problem: 'lang is not a string or null' };
  if (value.error !== undefined && typeof value.error !== 'string') return { problem: 'error is not a string' };
  if (!isNum(value.score)) return { problem: 'score is not a number' };
  if (typeof value.spam !== 'boolean') return { problem: 'spam is not true or false' };
  const spamShare = value.spamShare === undefined && typeof value.error === 'string' ? 0 : value.spamShare;
  if (!isNum(spamShare)) return { problem: 'spamShare is not a number' };
  const rawBlocks = value.blocks === undefined && typeof value.error === 'string' ? [] : value.blocks;
  if (!Array.isArray(rawBlocks)) return { problem: 'blocks is not a list' };
  const blocks: BlockResult[] = [];
  for (let i = 0; i < rawBlocks.length; i++) {
    const problem = blockProblem(rawBlocks[i], i);
    if (problem) return { problem };
    const b = rawBlocks[i] as Json;
    const block: BlockResult = {
      text: b.text as string,
      score: b.score as number,
      spam: b.spam as boolean,
      selector: (b.selector as string | null | undefined) ?? null,
      lines: (b.lines as [number, number] | null | undefined) ?? null,
      reasons: (b.reasons as string[] | undefined) ?? [],
    };
    if (typeof b.hidden === 'string') block.hidden = b.hidden;
    blocks.push(block);
  }
  const result: PageResult = {
    file: (value.file as string | null | undefined) ?? null,
    url: (value.url as string | null | undefined) ?? null,
    score: value.score,
    spam: value.spam,
    spamShare,
    lang: (value.lang as string | null | undefined) ?? null,
    blocks,
  };
  const t = value.title;
  if (isObject(t) && typeof t.text === 'string' && isNum(t.score) && typeof t.spam === 'boolean') {
    result.title = { text: t.text, score: t.score, spam: t.spam, reasons: Array.isArray(t.reasons) ? t.reasons.filter((x): x is string => typeof x === 'string') : [] };
  }
  if (typeof value.error === 'string') result.error = value.error;
  // A cut page (`seospam score --format jsonl` on a page past --max-bytes or --max-blocks) keeps its note.
  const cut = value.truncated;
  if (isObject(cut)) {
    const truncated: Truncation = {};
    if (isNum(cut.bytes)) truncated.bytes = cut.bytes;
    if (isNum(cut.blocks)) truncated.blocks = cut.blocks;
    if (truncated.bytes !== undefined || truncated.blocks !== undefined) result.truncated = truncated;
  }
  return { result };
}
