/**
 * `seospam score`: what a moderator runs. Scores files, folders, globs, stdin, list
 * files, WARC archives or a JSON Lines stream, and prints verdicts for people
 * (default), JSON/JSONL/CSV for machines, or a self-contained HTML report.
 */
import { availableParallelism } from 'node:os';
import { createWriteStream } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import { describeError, UsageError } from '../../errors.js';
import { openReportFile } from '../../report/file.js';
import { isWarcPath, scoreWarc } from '../../scale/warc.js';
import { scoreJsonlStream } from '../../scale/jsonl-stream.js';
import { createPool, loadScorer, type LoadScorerOptions, type ScorerPool } from '../../scorer/index.js';
import type { PageResult, Scorer, ScoreOptions } from '../../scorer/types.js';
import { CSV_HEADER, csvRow } from '../format/csv.js';
import { jsonLine, toContractObject } from '../format/json.js';
import { formatPageText } from '../format/text.js';
import { isUrl } from '../fetch-url.js';
import { expandInputs, readListFile, readPageInput, type InputRef, type ReadPage } from '../inputs.js';
import { limitOptions, limitsFrom, timeoutFrom, type LimitFlags } from '../limits.js';
import { progressFigures } from '../progress.js';
import { stripCommand } from './strip-output.js';

type Format = 'text' | 'json' | 'jsonl' | 'csv' | 'html';

interface ScoreFlags extends LimitFlags {
  from?: string;
  url?: string;
  contentType?: string;
  kind?: 'html' | 'text';
  format?: Format;
  out?: string;
  allBlocks?: boolean;
  strip?: boolean;
  threshold?: string;
  model?: string;
  backend?: 'node' | 'wasm' | 'cpu';
  explain?: boolean;
  workers?: string;
  progress: boolean;
  color?: boolean;
  stdinJsonl?: boolean;
}

/** Runs every input through the scorer (or pool), yielding results in input order. */
async function* scoreAll(
  inputs: InputRef[],
  scorer: Scorer,
  pool: ScorerPool | null,
  single: ScoreOptions,
  flags: ScoreFlags,
): AsyncGenerator<PageResult> {
  const limits = limitsFrom(flags);
  const timeout = timeoutFrom(flags);
  const window: Array<Promise<PageResult>> = [];
  const depth = pool ? pool.workers * 4 : 1;
  const one = async (ref: InputRef): Promise<PageResult> => {
    const file = ref.path === '-' ? 'stdin' : ref.path;
    if (ref.error) return errorResult(file, `${file}: ${ref.error}`);
    let read: ReadPage;
    try {
      read = await readPageInput(ref.path, limits, timeout);
    } catch (err) {
      return errorResult(file, describeError(err, file));
    }
    const { bytes } = read;
    // What the command line says wins over what the source tells (a URL's answer, a .txt name).
    const options: ScoreOptions = {
      file,
      url: single.url ?? read.url,
      contentType: single.contentType ?? read.contentType,
      kind: single.kind ?? read.kind,
    };
    if (pool) {
      try {
        return await pool.score(bytes, options);
      } catch (err) {
        return errorResult(file, describeError(err, file));
      }
    }
    return scorer.score(bytes, options);
  };
  for (const ref of inputs) {
    if (!ref.error && !isUrl(ref.path) && isWarcPath(ref.path)) {
      while (window.length) yield await window.shift()!;
      yield* scoreWarc(ref.path, scorer);
      continue;
    }
    window.push(one(ref));
    if (window.length >= depth) yield await window.shift()!;
  }
  while (window.length) yield await window.shift()!;
}

/** The progress line on a terminal: pages done, the rate so far and the time left at that rate. */
const PROGRESS_FORMAT = 'scoring [{bar}] {value}/{total} pages | {rate} pages/s | {left} left | {spam} spam | {errors} errors';

function errorResult(file: string, message: string): PageResult {
  return { file, url: null, score: 0, spam: false, spamShare: 0, blocks: [], error: message };
}

function parseThreshold(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const t = Number(v);
  if (!(t >= 0 && t <= 1)) throw new UsageError(`--threshold must be a number from 0 to 1, got ${v}`);
  return t;
}

function parseWorkers(v: string | undefined, inputs: number): number {
  if (v === undefined) return inputs >= 16 ? Math.min(availableParallelism(), 8) : 1;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--workers must be a whole number ≥ 1, got ${v}`);
  return n;
}

async function run(names: string[], flags: ScoreFlags): Promise<number> {
  const format: Format = flags.format ?? 'text';
  const scorerOptions: LoadScorerOptions = {
    model: flags.model,
    backend: flags.backend,
    threshold: parseThreshold(flags.threshold),
    explain: flags.explain ?? false,
    limits: limitsFrom(flags),
  };

  if (flags.stdinJsonl) {
    const scorer = await loadScorer(scorerOptions);
    const summary = await scoreJsonlStream(process.stdin, process.stdout, scorer);
    process.stderr.write(`seospam: ${summary.pages} pages, ${summary.errors} errors\n`);
    return summary.errors > 0 ? 2 : 0;
  }

  const listed = flags.from ? await readListFile(flags.from) : [];
  const all = [...names, ...listed];
  if (all.length === 0) throw new UsageError('name at least one page, folder, glob or - for stdin (see seospam score --help)');
  const inputs = await expandInputs(all);
  if ((flags.url || flags.contentType) && inputs.length > 1) {
    throw new UsageError('--url and --content-type apply to a single input');
  }
  if (format === 'html' && !flags.out) throw new UsageError('--format html needs --out FILE');
  if (flags.strip) return stripCommand(inputs, scorerOptions, flags);

  const scorer = await loadScorer(scorerOptions);
  const workers = parseWorkers(flags.workers, inputs.length);
  const pool = workers > 1 ? await createPool({ ...scorerOptions, workers }) : null;
  const single: ScoreOptions = { url: flags.url, contentType: flags.contentType, kind: flags.kind };

  const out = flags.out && format !== 'html' ? createWriteStream(flags.out) : process.stdout;
  const write = (s: string): Promise<void> | void => {
    if (!out.write(s)) return new Promise((r) => out.once('drain', () => r()));
  };
  const color = flags.color ?? (out === process.stdout && process.stdout.isTTY === true && !process.env.NO_COLOR);
  const report =
    format === 'html'
      ? await openReportFile(flags.out!, {
          model: scorer.info.model,
          modelVersion: scorer.info.modelVersion,
          threshold: scorer.info.threshold,
          backend: scorer.info.backend,
        })
      : null;
  const showProgress = flags.progress && process.stderr.isTTY === true && inputs.length > 1;
  const bar = showProgress ? new SingleBar({ format: PROGRESS_FORMAT, stream: process.stderr, hideCursor: true }) : null;

  let pages = 0;
  let spamPages = 0;
  let errors = 0;
  const started = performance.now();
  const jsonPages: Record<string, unknown>[] = [];
  bar?.start(inputs.length, 0, { spam: 0, errors: 0, ...progressFigures(0, inputs.length, 0) });
  if (format === 'csv') await write(CSV_HEADER);
  try {
    for await (const r of scoreAll(inputs, scorer, pool, single, flags)) {
      pages++;
      if (r.error) {
        errors++;
        if (format !== 'text') process.stderr.write(`seospam: ${r.error}\n`);
      }
      if (r.spam) spamPages++;
      if (format === 'text') await write(formatPageText(r, { allBlocks: flags.allBlocks ?? false, color, excerpt: 120 }));
      else if (format === 'jsonl') await write(jsonLine(r));
      else if (format === 'json') jsonPages.push(toContractObject(r));
      else if (format === 'csv') await write(csvRow(r));
      else await report!.add(r);
      bar?.update(pages, { spam: spamPages, errors, ...progressFigures(pages, inputs.length, (performance.now() - started) / 1000) });
    }
    if (format === 'json') {
      await write(jsonPages.length === 1 ? JSON.stringify(jsonPages[0], null, 2) + '\n' : jsonPages.map((p) => JSON.stringify(p)).join('\n') + '\n');
    }
    if (report) await report.close();
  } catch (err) {
    await report?.abort();
    throw err;
  } finally {
    bar?.stop();
    await pool?.close();
    if (out !== process.stdout) await new Promise<void>((r) => (out as NodeJS.WritableStream).end(() => r()));
  }
  const seconds = (performance.now() - started) / 1000;
  if (pages > 1 || format === 'html') {
    process.stderr.write(
      `seospam: ${pages} pages, ${spamPages} spam, ${errors} errors, ${(pages / Math.max(seconds, 1e-3)).toFixed(1)} pages/s` +
        (pool ? ` on ${pool.workers} workers` : '') +
        `, backend ${scorer.info.backend}\n`,
    );
  }
  return errors > 0 ? 2 : spamPages > 0 ? 1 : 0;
}

/** Registers `seospam score`. */
export function registerScore(program: Command): void {
  const cmd = program
    .command('score')
    .description('score pages for SEO spam (exit 0: no spam, 1: spam found, 2: an error)')
    .argument('[inputs...]', 'files, folders (recursive), globs, WARC files, http(s) URLs, or - for stdin')
    .option('--from <file>', 'read input names from a list file, one per line')
    .option('--url <url>', 'URL of a single input (resolves links, tells internal from external)')
    .option('--content-type <value>', 'HTTP Content-Type of a single input (for its charset)')
    .addOption(new Option('--kind <kind>', 'read inputs as HTML or text instead of deciding by content').choices(['html', 'text']))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'jsonl', 'csv', 'html']).default('text'))
    .option('-o, --out <file>', 'write the output to a file (needed for --format html; a folder for --strip with several inputs)')
    .option('-a, --all-blocks', 'list every block, not only spam blocks (text format)')
    .option('--strip', 'write each page back without its spam blocks')
    .option('--threshold <t>', "block spam threshold from 0 to 1 (default: the model's)")
    .option('-m, --model <dir>', 'model folder (default: the shipped models/default)')
    .addOption(new Option('--backend <name>', 'tfjs backend').choices(['node', 'wasm', 'cpu']))
    .option('--explain', "give each reason the feature's value and the range seen on clean blocks")
    .option('-j, --workers <n>', 'worker threads for many pages (default: all cores from 16 pages on)')
    .option('--no-progress', 'no progress bar')
    .option('--color', 'colour the text output even when not on a terminal')
    .option('--no-color', 'never colour the text output')
    .option('--stdin-jsonl', 'read {"id","url","html"|"text","contentType"} lines on stdin, write one result line each');
  limitOptions(cmd);
  cmd.action(async (inputs: string[], flags: ScoreFlags) => {
    process.exitCode = await run(inputs, flags);
  });
}
