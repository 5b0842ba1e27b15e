/** `seospam report RESULTS.jsonl --out report.html`: the moderator's HTML report from scored pages. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { describeError, UsageError } from '../../errors.js';
import { openReportFile } from '../../report/file.js';
import { readResultLines } from '../../report/jsonl.js';
import type { ReportInfo } from '../../report/types.js';

interface ReportOptions {
  out: string;
  title?: string;
  model?: string;
  modelVersion?: string;
  threshold?: string;
}

/** Reads the JSONL (streaming), writes the report, prints bad lines as `file:line: reason`; exit 2 if any. */
async function runReport(results: string, opts: ReportOptions): Promise<void> {
  if (results !== '-' && path.resolve(results) === path.resolve(opts.out)) {
    throw new UsageError('--out would overwrite the results file');
  }
  const lines = readResultLines(results);
  const info: ReportInfo = { source: results === '-' ? 'stdin' : path.basename(results) };
  if (opts.title) info.title = opts.title;
  const given: ReportInfo = {};
  if (opts.model) given.model = opts.model;
  if (opts.modelVersion) given.modelVersion = opts.modelVersion;
  if (opts.threshold !== undefined) {
    const t = Number(opts.threshold);
    if (!Number.isFinite(t) || t < 0 || t > 1) throw new UsageError(`--threshold must be a number in [0, 1], not ${opts.threshold}`);
    given.threshold = t;
  }
  // --model names a model folder (as `score --model` does) or, as before, just a name.
  const folder = opts.model !== undefined && existsSync(path.join(opts.model, 'meta.json')) ? opts.model : undefined;
  if (folder) delete given.model;
  const report = await openReportFile(opts.out, info);
  report.updateInfo(given);
  let named = given.model !== undefined;
  let bad = 0;
  try {
    for await (const line of lines) {
      if (line.kind === 'bad') {
        bad++;
        process.stderr.write(`seospam: ${describeError(line.error)}\n`);
      } else if (line.kind === 'info') {
        report.updateInfo({ ...line.info, ...given });
        named ||= line.info.model !== undefined;
      } else {
        await report.add(line.result);
      }
    }
  } catch (err) {
    await report.abort();
    throw err;
  }
  let from = '';
  if (!named) {
    // `score --format jsonl` writes pages only: name the model folder they were scored with (score's default unless --model).
    const { loadScorer, DEFAULT_MODEL_DIR } = await import('../../scorer/index.js');
    try {
      const { model, modelVersion, featureSetVersion, threshold } = (await loadScorer({ model: folder ?? DEFAULT_MODEL_DIR })).info;
      report.updateInfo({ model, modelVersion, featureSetVersion, threshold, ...given });
      from = `; model and threshold from ${folder ?? path.relative(process.cwd(), DEFAULT_MODEL_DIR)}`;
    } catch (err) {
      // The pages are in the report already; only its summary goes without the model.
      from = `; model not named (${describeError(err)})`;
    }
  }
  const s = await report.close();
  const skipped = bad ? `; ${bad} bad line${bad === 1 ? '' : 's'} skipped` : '';
  process.stderr.write(
    `${opts.out}: ${s.pages} page${s.pages === 1 ? '' : 's'}, ${s.spamPages} spam, ${s.errors} error${s.errors === 1 ? '' : 's'}${skipped}${from}\n`,
  );
  process.exitCode = bad ? 2 : 0;
}

/** Registers `report` on the program. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write an HTML report for moderators from `score --format jsonl` results')
    .argument('<results>', 'result JSONL file, one page result per line (- for stdin)')
    .requiredOption('-o, --out <file>', 'HTML file to write (self-contained, opens from disk)')
    .option('--title <text>', 'title shown at the top of the report')
    .option('--model <dir>', 'model folder the results were scored with, as given to `score --model` (or a bare name); default: a scorer-info line in the results, else models/default')
    .option('--model-version <version>', 'model version for the summary')
    .option('--threshold <n>', 'threshold for the summary (default: the model\'s)')
    .action(async (results: string, opts: ReportOptions) => {
      await runReport(results, opts);
    });
}
