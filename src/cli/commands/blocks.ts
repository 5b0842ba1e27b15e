/** `seospam blocks FILE`: shows how the page stage cuts a page into blocks (table or JSON). */
import type { Command } from 'commander';
import { readOnePage, type OnePageFlags } from '../one-page.js';
import type { Block, Page } from '../../page/types.js';
import { limitOptions } from '../limits.js';

type BlocksOptions = OnePageFlags;

/** One line of the table: the text shortened to fit, control characters shown as spaces. */
function excerpt(text: string, width: number): string {
  const t = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return t.length > width ? `${t.slice(0, width - 1)}…` : t;
}

function where(b: Block): string {
  // Lines and blocks counted from 1 as editors do (the JSON view keeps the 0-based page fields).
  if (b.lines) return b.lines[0] === b.lines[1] ? `L${b.lines[0] + 1}` : `L${b.lines[0] + 1}-${b.lines[1] + 1}`;
  return b.tag;
}

/** The table view: a page header, then one row per block. */
export function formatBlocksTable(page: Page): string {
  const out: string[] = [];
  out.push(`${page.file ?? '-'}: ${page.kind}, ${page.charset} (${page.charsetSource}), ${page.bytes} bytes, ${page.blocks.length} blocks`);
  if (page.title) out.push(`title: ${excerpt(page.title, 100)}`);
  if (page.lang) out.push(`lang: ${page.lang}`);
  if (page.truncated.length) out.push(`truncated: ${page.truncated.join(', ')}`);
  out.push(['#'.padStart(5), 'where'.padEnd(10), 'chars'.padStart(6), 'parts'.padStart(5), 'links'.padStart(5), 'hidden'.padEnd(12), 'text'].join(' '));
  for (const b of page.blocks) {
    out.push(
      [
        String(b.index + 1).padStart(5),
        where(b).padEnd(10),
        String(b.chars).padStart(6),
        String(b.parts.length).padStart(5),
        String(b.links.length).padStart(5),
        (b.hiddenBy ?? '').padEnd(12),
        excerpt(b.text, 70),
      ].join(' '),
    );
  }
  return out.join('\n') + '\n';
}

async function runBlocks(file: string, opts: BlocksOptions): Promise<void> {
  const page = await readOnePage(file, opts);
  process.stdout.write(opts.format === 'json' ? JSON.stringify(page) + '\n' : formatBlocksTable(page));
}

/** Registers `blocks` on the program. */
export function registerBlocks(program: Command): void {
  const cmd = program
    .command('blocks')
    .description('Show the text blocks a page is cut into (the unit seospam scores)')
    .argument('<file>', 'page file (HTML or text, any charset), an http(s) URL, or - for stdin')
    .option('--format <format>', 'table or json', 'table')
    .option('--kind <kind>', 'read as html or text instead of deciding by content')
    .option('--url <url>', 'page URL, to resolve links and tell external ones')
    .option('--content-type <ct>', 'HTTP Content-Type header, e.g. "text/html; charset=gbk"');
  limitOptions(cmd).action(runBlocks);
}
