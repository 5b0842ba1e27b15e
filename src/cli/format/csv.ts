/** One CSV row per page, for spreadsheets. */
import type { PageResult } from '../../scorer/types.js';

export const CSV_HEADER = 'file,url,score,spam,spam_share,blocks,spam_blocks,error,truncated\n';

function cell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The page as one CSV line (with newline). */
export function csvRow(r: PageResult): string {
  const spamBlocks = r.blocks.filter((b) => b.spam).length;
  // The limits that cut the page, e.g. `bytes;blocks`.
  const truncated = r.truncated ? Object.keys(r.truncated).join(';') : '';
  return (
    [r.file, r.url ?? '', r.score.toFixed(4), r.spam, r.spamShare.toFixed(4), r.blocks.length, spamBlocks, r.error ?? '', truncated]
      .map(cell)
      .join(',') + '\n'
  );
}
