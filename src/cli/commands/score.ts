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
import { errorLine } from '../format/error-line.js';
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
      try {
        yield* scoreWarc(ref.path, scorer);
      } catch (err) {
        // Not a WARC at all (or missing): an error for this input; the others go on.
        yield errorResult(ref.path, describeError(err, ref.path));
      }
      continue;
    }
    window.push(one(ref));
    if (window.length >= depth) yield await window.shift()!;
  }
  while (window.length) yield await window.shift()!;
}

/** Exit code of a run stopped by SIGINT or SIGTERM (128 + SIGINT, as shells report Ctrl-C). */
const EXIT_INTERRUPTED = 130;
const STOPPED = Symbol('stopped');

/**
 * Catches SIGINT and SIGTERM while a run goes on: the first settles `stopped` (the run
 * ends after the page in hand and flushes), a second one exits at once. `signal` names
 * the first signal caught; `remove` puts the default handling back.
 */
function onInterrupt(): { readonly signal: NodeJS.Signals | null; stopped: Promise<typeof STOPPED>; remove(): void } {
  let caught: NodeJS.Signals | null = null;
  let stop: () => void = () => {};
  const stopped = new Promise<typeof STOPPED>((resolve) => (stop = () => resolve(STOPPED)));
  const handler = (signal: NodeJS.Signals): void => {
    if (caught) process.exit(EXIT_INTERRUPTED);
    caught = signal;
    stop();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    get signal() {
      return caught;
    },
    stopped,
    remove() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

/** The stderr line of an interrupted run: how far it got. */
function interruptedLine(pages: number, total: number | null, spam: number | null, errors: number): string {
  const of = total === null ? '' : ` of ${total}`;
  return `seospam: interrupted after ${pages}${of} pages (${spam === null ? '' : `${spam} spam, `}${errors} errors); the output holds those\n`;
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

  const interrupt = onInterrupt();
  try {
    return await (flags.stdinJsonl ? runStdinJsonl(scorerOptions, interrupt) : runInputs(names, flags, format, scorerOptions, interrupt));
  } finally {
    interrupt.remove();
  }
}

type Interrupt = ReturnType<typeof onInterrupt>;

/** `--stdin-jsonl`: a JSON Lines stream of pages in, one result line each out. */
async function runStdinJsonl(scorerOptions: LoadScorerOptions, interrupt: Interrupt): Promise<number> {
  const scorer = await loadScorer(scorerOptions);
  const stop = new AbortController();
  void interrupt.stopped.then(() => stop.abort());
  const summary = await scoreJsonlStream(process.stdin, process.stdout, scorer, {
    onError: (r) => void process.stderr.write(errorLine(r)),
    signal: stop.signal,
  });
  if (interrupt.signal) {
    process.stdin.destroy(); // the rest of the input is not read
    process.stderr.write(interruptedLine(summary.pages, null, null, summary.errors));
    return EXIT_INTERRUPTED;
  }
  process.stderr.write(`seospam: ${summary.pages} pages, ${summary.errors} errors\n`);
  return summary.errors > 0 ? 2 : 0;
}

/** Files, folders, globs, stdin and WARC files named on the command line (or in --from). */
async function runInputs(names: string[], flags: ScoreFlags, format: Format, scorerOptions: LoadScorerOptions, interrupt: Interrupt): Promise<number> {
  const listed = flags.from ? await readListFile(flags.from) : [];
  const all = [...names, ...listed];
  if (all.length === 0) throw new UsageError('name at least one page, folder, glob or - for stdin (see seospam score --help)');
  const inputs = await expandInputs(all);
  if ((flags.url || flags.contentType) && inputs.length > 1) {
    throw new UsageError('--url and --content-type apply to a single input');
  }
  if (format === 'html' && !flags.out) throw new UsageError('--format html needs --out FILE');
  if (flags.strip) {
    interrupt.remove(); // --strip writes each page whole or not at all; a signal ends it as by default
    return stripCommand(inputs, scorerOptions, flags);
  }

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
  const results = scoreAll(inputs, scorer, pool, single, flags);
  try {
    for (;;) {
      const step = results.next();
      step.catch(() => {}); // when the stop wins the race, a later failure of this step is nobody's
      // Ctrl-C or SIGTERM: stop after the page in hand, keep what was scored, say how far it got.
      const next = await Promise.race([step, interrupt.stopped]);
      if (next === STOPPED || next.done) break;
      const r = next.value;
      pages++;
      if (r.error) {
        errors++;
        // Every format: the error on stderr (with the progress bar's line cleared first).
        process.stderr.write((bar ? '\r\x1b[K' : '') + errorLine(r));
      }
      if (r.spam) spamPages++;
      if (format === 'text') {
        // People read errors on stderr; the text listing holds the pages that were scored.
        if (!r.error) await write(formatPageText(r, { allBlocks: flags.allBlocks ?? false, color, excerpt: 120 }));
      } else if (format === 'jsonl') await write(jsonLine(r));
      else if (format === 'json') jsonPages.push(toContractObject(r));
      else if (format === 'csv') await write(csvRow(r));
      else await report!.add(r);
      bar?.update(pages, { spam: spamPages, errors, ...progressFigures(pages, inputs.length, (performance.now() - started) / 1000) });
    }
    if (format === 'json' && jsonPages.length > 0) {
      await write(jsonPages.length === 1 ? JSON.stringify(jsonPages[0], null, 2) + '\n' : jsonPages.map((p) => JSON.stringify(p)).join('\n') + '\n');
    }
    if (report) await report.close();
  } catch (err) {
    await report?.abort();
    throw err;
  } finally {
    bar?.stop();
    void results.return(undefined);
    await pool?.close();
    if (out !== process.stdout) await new Promise<void>((r) => (out as NodeJS.WritableStream).end(() => r()));
  }
  if (interrupt.signal) {
    if (inputs.some((ref) => ref.path === '-')) process.stdin.destroy();
    // A WARC holds an unknown number of pages: then there is no total to give.
    const total = inputs.some((ref) => !ref.error && isWarcPath(ref.path)) ? null : inputs.length;
    process.stderr.write(interruptedLine(pages, total, spamPages, errors));
    return EXIT_INTERRUPTED;
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
