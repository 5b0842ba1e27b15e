/**
 * The review screen as lines of at most `cols` columns: header (and the title when the model
 * flagged it or gave reasons for it), block list, the cursor block with the model's reasons, keys.
 * Scores are coloured by the model's verdict, never by a score cutoff; blocks and lines count from 1.
 */
import { createColors } from 'picocolors';
import { formatScore, formatThreshold } from '../scorer/numbers.js';
import type { PageEditor } from './page-editor.js';
import { pageLabelOf } from './regions.js';
import { fit, pad, wrap } from './width.js';

export interface ScreenHeader {
  /** 1-based page number and queue length. */
  index: number;
  total: number;
  labeled: number;
  skipped: number;
  /** Queue from a report, least sure first. */
  review: boolean;
}

export const KEY_LINES = [
  'keys: ↑↓ move  s spam  c clean  space toggle  v range  g siblings  A/X all spam/clean',
  '      m model  p page label  enter save+next  n skip  b back  q quit  ? help',
];

const HELP = [
  'Each row is a block of the page in page order: its number, your mark (SPAM or ok),',
  "the model's score (red: the model says spam, green: clean), * when your mark differs from",
  'the model, and the start of its text. Below the list: the block under the cursor and why',
  'the model flagged it.',
  'Marks start at the model\'s verdicts (or at your earlier labels): correct only what is wrong.',
  '',
  '  ↑ ↓ j k, PgUp PgDn, Home End   move the cursor',
  '  s / c / space                   mark the selected blocks spam / clean / toggle',
  '  v                               start a range at the cursor; move; then s or c',
  '  g                               select the block and its siblings (same parent, or one',
  '                                  paragraph of a text page); g again widens to the next level',
  '  A / X                           every block spam / every block clean',
  '  m                               back to the model\'s verdicts',
  '  p                               page label: auto, clean, spam, mixed',
  '  enter                           save this page\'s labels and go to the next page',
  '  n                               skip the page (nothing written)',
  '  b                               back to the previous page (saving it again replaces its line)',
  '  q, Ctrl-C                       quit; run the same command (or `seospam label --out DIR`) to resume',
  '',
  'Press ? to close this help.',
];


/** Lines of the screen for a page under review. */
export function renderPage(editor: PageEditor, header: ScreenHeader, cols: number, rows: number, color: boolean): string[] {
  const pc = createColors(color);
  const page = editor.review;
  const eff = editor.effective();
  const spamCount = eff.filter(Boolean).length;
  const label = pageLabelOf(editor.page, eff);
  const out: string[] = [];
  const line = (s: string, paint: (x: string) => string = (x) => x) => out.push(paint(fit(s, cols)));

  line(
    `seospam label  page ${header.index} of ${header.total}  ·  labeled ${header.labeled}  ·  skipped ${header.skipped}` +
      (header.review ? '  ·  least sure first' : ''),
    pc.bold,
  );
  const verdictWord = page.pageSpam ? 'spam' : 'clean';
  const before = `  ${page.kind} ${page.lang}  page score ${page.pageScore.toFixed(2)} `;
  const after = `  threshold ${formatThreshold(page.threshold)}`;
  const facts = before + verdictWord + after;
  if (facts.length < cols) out.push(fitPath(page.source, cols - facts.length) + before + (page.pageSpam ? pc.red : pc.green)(verdictWord) + after);
  else line(page.source + facts);
  line(
    `page label: ${label}${editor.page === 'auto' ? ' (auto)' : ''}  ·  ${page.blocks.length} blocks: ${spamCount} spam  ·  ${editor.corrections()} corrected`,
  );
  if (page.title) {
    const t = page.title;
    const why = t.reasons.length ? `  ·  ${t.reasons.join('  ·  ')}` : '';
    line(`title ${formatScore(t.score)} ${t.spam ? 'SPAM' : 'not flagged'}: ${t.text}${why}`, t.spam ? pc.red : pc.yellow);
  }
  line('─'.repeat(cols), pc.dim);

  // The cursor block: its place and score, three lines of text, and the model's reasons.
  const detailRows = 5;
  const footRows = 1 + KEY_LINES.length;
  const listRows = Math.max(1, rows - out.length - 1 - detailRows - footRows);
  if (editor.help) {
    for (let i = 0; i < listRows; i++) line(HELP[i] ?? '');
  } else {
    if (editor.cursor < editor.top) editor.top = editor.cursor;
    if (editor.cursor >= editor.top + listRows) editor.top = editor.cursor - listRows + 1;
    const [from, to] = editor.selection();
    const selecting = from !== to || editor.anchor !== null;
    for (let r = 0; r < listRows; r++) {
      const i = editor.top + r;
      const b = page.blocks[i];
      if (!b) {
        line('');
        continue;
      }
      const cursor = i === editor.cursor ? '>' : ' ';
      const sel = selecting && i >= from && i <= to ? '+' : ' ';
      const mark = eff[i] ? 'SPAM' : 'ok  ';
      const changed = eff[i] !== b.modelSpam ? '*' : ' ';
      const stuck = eff[i] !== editor.marks[i] ? '!' : ' ';
      const head = `${cursor}${sel}${String(i + 1).padStart(3)} `;
      const score = formatScore(b.score);
      const rest = ` ${changed}${stuck}${b.hidden ? '(hidden) ' : ''}`;
      const text = fit(b.text, Math.max(0, cols - head.length - 4 - 1 - score.length - rest.length));
      const paintMark = eff[i] ? pc.red : pc.green;
      const paintScore = b.modelSpam ? pc.red : pc.green;
      const row = `${head}${paintMark(mark)} ${paintScore(score)}${rest}${text}`;
      out.push(i === editor.cursor ? pc.inverse(row) : sel === '+' ? pc.underline(row) : row);
    }
  }

  line('─'.repeat(cols), pc.dim);
  const b = page.blocks[editor.cursor];
  const where = b.lines ? (b.lines[0] === b.lines[1] ? `line ${b.lines[0] + 1}` : `lines ${b.lines[0] + 1}–${b.lines[1] + 1}`) : (b.selector ?? '');
  line(`block ${editor.cursor + 1}: ${where}  score ${formatScore(b.score, 3)} (model: ${b.modelSpam ? 'spam' : 'clean'})${b.hidden ? '  hidden' : ''}`, pc.dim);
  const text = wrap(b.text, cols);
  const textRows = detailRows - 2;
  for (let k = 0; k < textRows; k++) line(k === textRows - 1 && text.length > textRows ? fit(text[k] + ' …', cols) : (text[k] ?? ''));
  const why = b.reasons.length ? b.reasons.join('  ·  ') : b.modelSpam ? '(the report holds no reasons for this block)' : '';
  line(why ? `why: ${why}` : '', b.modelSpam ? pc.red : pc.dim);
  line(editor.message, pc.yellow);
  for (const k of KEY_LINES) line(k, pc.dim);
  return out;
}

/** Lines of a screen that is only a message (a page that cannot be read, the end of the queue). */
export function renderMessage(title: string, body: string[], keys: string, cols: number, rows: number, color: boolean): string[] {
  const pc = createColors(color);
  const out = [pc.bold(fit(title, cols)), pc.dim('─'.repeat(cols))];
  for (const l of body) for (const w of wrap(l, cols)) out.push(w);
  while (out.length < rows - 1) out.push('');
  out.length = Math.min(out.length, rows - 1);
  out.push(pc.dim(pad(keys, cols)));
  return out;
}

/** A path cut from the left (…/dir/file.html) to fit `cols` columns. */
function fitPath(path: string, cols: number): string {
  const chars = Array.from(path);
  if (chars.length <= cols) return path;
  return '…' + chars.slice(chars.length - Math.max(1, cols - 1)).join('');
}
