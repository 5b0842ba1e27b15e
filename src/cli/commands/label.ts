/**
 * `seospam label PAGE… --out DIR` / `seospam label --review REPORT.jsonl`: the moderator's
 * terminal review. Blocks come pre-marked with the model's verdicts; corrections are
 * written to DIR as a labeled corpus (labels.jsonl + pages/) that `train --data DIR` reads.
 */
import { basename, dirname, extname, join } from 'node:path';
import { Option, type Command } from 'commander';
import { ModelError, UsageError } from '../../errors.js';
import type { Split } from '../../data/types.js';
import {
  RawTerminal,
  SOURCE_RE,
  inferThreshold,
  readProgress,
  readReport,
  reportQueue,
  runSession,
  type PageSource,
} from '../../review/index.js';
import { loadScorer, type Scorer } from '../../scorer/index.js';
import { expandInputs } from '../inputs.js';

interface LabelFlags {
  out?: string;
  review?: string;
  model?: string;
  backend?: 'node' | 'wasm' | 'cpu';
  threshold?: string;
  source: string;
  split: Split;
  devShare: string;
  lang?: string;
}

function parseShare(v: string): number {
  const n = Number(v);
  if (!(n >= 0 && n <= 1)) throw new UsageError(`--dev-share must be a number from 0 to 1, got ${v}`);
  return n;
}

function parseThreshold(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const t = Number(v);
  if (!(t >= 0 && t <= 1)) throw new UsageError(`--threshold must be a number from 0 to 1, got ${v}`);
  return t;
}

async function pagesFrom(names: string[]): Promise<PageSource[]> {
  const refs = await expandInputs(names);
  const bad = refs.find((r) => r.error || r.path === '-');
  if (bad) throw new UsageError(bad.path === '-' ? 'label reads pages from files, not stdin' : `${bad.path}: ${bad.error}`);
  return refs.map((r) => ({ path: r.path }));
}

async function run(names: string[], flags: LabelFlags): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write('seospam: label is interactive and needs a terminal (stdin and stdout are not a TTY)\n');
    return 2;
  }
  if (!SOURCE_RE.test(flags.source)) throw new UsageError(`--source must be letters, digits, '.', '-' or '_', got ${flags.source}`);
  const devShare = parseShare(flags.devShare);
  const threshold = parseThreshold(flags.threshold);
  if (names.length > 0 && flags.review) throw new UsageError('give pages or --review REPORT, not both');
  const out =
    flags.out ?? (flags.review ? join(dirname(flags.review), `${basename(flags.review, extname(flags.review))}-labels`) : undefined);
  if (!out) throw new UsageError('--out DIR is needed: the folder the labels are written to');

  let review = flags.review ?? null;
  let sources: PageSource[] | null = null;
  if (names.length > 0) sources = await pagesFrom(names);
  else if (!review) {
    const saved = readProgress(out);
    if (!saved) throw new UsageError(`nothing to label: name pages or --review REPORT.jsonl (no saved session in ${out})`);
    review = saved.review;
    if (!review) sources = saved.queue.map((path) => ({ path }));
  }

  let scorer: Scorer | null = null;
  process.stderr.write('seospam: loading the model…\n');
  try {
    scorer = await loadScorer({ model: flags.model, backend: flags.backend, threshold });
  } catch (err) {
    // A report carries its own verdicts; other pages need the model.
    if (!(review && err instanceof ModelError)) throw err;
    process.stderr.write(`seospam: ${err.message}; using the report's scores\n`);
  }
  let pageThreshold = scorer?.info.threshold ?? threshold ?? 0.5;
  if (review) {
    if (!scorer && threshold === undefined) pageThreshold = inferThreshold(readReport(review));
    const q = reportQueue(review, pageThreshold);
    if (q.passed > 0) process.stderr.write(`seospam: ${q.passed} report lines without a readable page passed over\n`);
    sources = q.sources;
  }
  if (!sources || sources.length === 0) throw new UsageError('no pages to label');

  const terminal = new RawTerminal(process.stdin, process.stdout);
  let summary;
  try {
    summary = await runSession({
      out,
      sources,
      review,
      scorer,
      threshold: pageThreshold,
      write: { source: flags.source, split: flags.split, devShare, lang: flags.lang },
      terminal,
    });
  } finally {
    terminal.close();
  }
  process.stderr.write(
    `seospam: ${summary.labeled} of ${summary.total} pages labeled, ${summary.skipped} skipped, ${summary.left} left; labels in ${summary.labelsFile}\n` +
      (summary.left > 0 ? `seospam: resume with: seospam label --out ${out}\n` : ''),
  );
  return 0;
}

/** Registers `seospam label`. */
export function registerLabel(program: Command): void {
  program
    .command('label')
    .description('review pages in the terminal, correct the model block by block, and write labels for training')
    .argument('[pages...]', 'page files, folders or globs to review (none: resume the session saved in --out)')
    .option('-o, --out <dir>', 'corpus folder to write labels.jsonl and page copies to (progress is kept there too)')
    .option('--review <report>', 'walk a `score --format jsonl` report, pages the model was least sure of first')
    .option('-m, --model <dir>', 'model folder (default: the shipped models/default)')
    .addOption(new Option('--backend <name>', 'tfjs backend').choices(['node', 'wasm', 'cpu']))
    .option('--threshold <t>', "block spam threshold from 0 to 1 (default: the model's)")
    .option('--source <name>', 'the "source" field and pages/ subfolder of written pages', 'moderator')
    .addOption(new Option('--split <split>', 'split of newly labeled pages').choices(['train', 'dev']).default('train'))
    .option('--dev-share <f>', 'send this share of new pages (by a hash of their id) to dev instead', '0')
    .option('--lang <code>', "language code for every page (default: the page's lang attribute, else a guess)")
    .addHelpText(
      'after',
      '\nKeys (shown on screen): ↑↓ move, s/c mark spam/clean, space toggle, v range, g siblings, A/X all,\n' +
        'm model verdicts, p page label, enter save and next, n skip, b back, q quit (resume: seospam label --out DIR).',
    )
    .action(async (pages: string[], flags: LabelFlags) => {
      process.exitCode = await run(pages, flags);
    });
}
