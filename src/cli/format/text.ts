/**
 * Output for people: a verdict line per page (and a line saying so when a limit cut the page), then its spam blocks (or every block
 * with --all-blocks) in page order with score, where they are, an excerpt and the reasons;
 * a spam title, or one with reasons (near its threshold), or any title with --all-blocks,
 * comes first. Colours follow verdicts, never a score cutoff. Blocks and lines are
 * numbered from 1, as editors and `grep -n` count (JSON keeps the contract's 0-based lines).
 */
import { createColors } from 'picocolors';
import { describeTruncation } from '../../scorer/truncation.js';
import { formatScore } from '../../scorer/numbers.js';
import type { BlockResult, PageResult } from '../../scorer/types.js';

export interface TextFormatOptions {
  allBlocks: boolean;
  color: boolean;
  /** Characters of block text shown. */
  excerpt: number;
}

type Paint = (s: string) => string;

function painter(on: boolean): { red: Paint; green: Paint; dim: Paint; bold: Paint; yellow: Paint } {
  // Exactly as asked (--color, --no-color, else a terminal without NO_COLOR), whatever picocolors guesses from the environment.
  const pc = createColors(on);
  return { red: pc.red, green: pc.green, dim: pc.dim, bold: pc.bold, yellow: pc.yellow };
}

function excerpt(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('') + '…';
}

/** Where a block is: its lines counted from 1, or its CSS path. */
export function whereText(b: Pick<BlockResult, 'lines' | 'selector'>): string {
  if (b.lines) return b.lines[0] === b.lines[1] ? `line ${b.lines[0] + 1}` : `lines ${b.lines[0] + 1}–${b.lines[1] + 1}`;
  return b.selector ?? '';
}

/** The verdict line and block list of one page. */
export function formatPageText(r: PageResult, opt: TextFormatOptions): string {
  const p = painter(opt.color);
  const name = r.file ?? r.url ?? '(input)';
  if (r.error) return `${p.bold(name)}  ${p.yellow('ERROR')}  ${r.error}\n`;
  const spamBlocks = r.blocks.filter((b) => b.spam);
  const verdict = r.spam ? p.red(p.bold('SPAM ')) : p.green('clean');
  const pageScore = (r.spam ? p.red : p.green)(formatScore(r.score));
  const lines = [
    `${p.bold(name)}  ${verdict}  score ${pageScore}  spam ${(r.spamShare * 100).toFixed(1)}% of text  ` +
      p.dim(`(${spamBlocks.length} of ${r.blocks.length} blocks)`),
  ];
  if (r.truncated) lines.push(`  ${p.yellow(describeTruncation(r.truncated))}`);
  if (r.title && (r.title.spam || r.title.reasons.length > 0 || opt.allBlocks)) {
    const t = r.title;
    const note = t.spam ? '' : t.reasons.length > 0 ? p.yellow('  not flagged') : '';
    lines.push(`  ${t.spam ? p.red('■') : p.dim('·')} title ${t.spam ? p.red(formatScore(t.score)) : p.dim(formatScore(t.score))}  ${p.dim('<title>')}${note}`);
    lines.push(`      ${excerpt(t.text, opt.excerpt)}`);
    for (const reason of t.reasons) lines.push(`      ${p.dim('–')} ${reason}`);
  }
  const shown = opt.allBlocks ? r.blocks : spamBlocks;
  r.blocks.forEach((b, i) => {
    if (!shown.includes(b)) return;
    const mark = b.spam ? p.red('■') : p.dim('·');
    const score = b.spam ? p.red(formatScore(b.score)) : p.dim(formatScore(b.score));
    const hidden = b.hidden ? p.yellow(` [hidden: ${b.hidden}]`) : '';
    lines.push(`  ${mark} #${i + 1} ${score}  ${p.dim(whereText(b))}${hidden}`);
    lines.push(`      ${excerpt(b.text, opt.excerpt)}`);
    for (const reason of b.reasons) lines.push(`      ${p.dim('–')} ${reason}`);
  });
  return lines.join('\n') + '\n';
}
