/** `seospam eval --data DIR … [--model PATH]`: metrics of a model on labeled pages, with baselines or a comparison. */
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';

interface EvalFlags {
  data: string[];
  model: string;
  format: string;
  split: string;
  baselines?: boolean;
  compare?: string[];
  backend?: string;
  report?: string;
  cv?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function runEval(flags: EvalFlags): Promise<void> {
  if (flags.data.length === 0) throw new UsageError('give at least one --data DIR');
  if (flags.format !== 'text' && flags.format !== 'json') throw new UsageError(`--format must be text or json, not ${flags.format}`);
  if (flags.split !== 'dev' && flags.split !== 'train') throw new UsageError(`--split must be dev or train, not ${flags.split}`);
  if (flags.compare && flags.compare.length !== 2) throw new UsageError('--compare takes two model folders: --compare A B');
  const { parseBackendName } = await import('../../model/backend.js');
  if (flags.cv !== undefined) return runCrossVal(flags, flags.backend ? parseBackendName(flags.backend) : undefined);
  const { evaluateModel } = await import('../../model/eval-model.js');
  const { formatEvalText } = await import('../../model/eval-format.js');
  const result = await evaluateModel({
    data: flags.data,
    model: flags.model,
    split: flags.split === 'train' ? 'train' : 'dev',
    baselines: flags.baselines === true,
    compare: flags.compare ? [flags.compare[0], flags.compare[1]] : undefined,
    backend: flags.backend ? parseBackendName(flags.backend) : undefined,
    log: (line) => process.stderr.write(line + '\n'),
  });
  process.stdout.write(flags.format === 'json' ? JSON.stringify(result) + '\n' : formatEvalText(result));
  if (flags.report) {
    const { renderEvalReport } = await import('../../report/eval-html.js');
    const { writeFile, rename } = await import('node:fs/promises');
    const tmp = `${flags.report}.tmp-${process.pid}`;
    await writeFile(tmp, renderEvalReport(result));
    await rename(tmp, flags.report);
    process.stderr.write(`seospam: eval report written to ${flags.report}\n`);
  }
  process.exitCode = 0;
}

/** `eval --cv K`: the model's recipe retrained K times on grouped folds of the real pages, each fold judged by the model that never saw it. */
async function runCrossVal(flags: EvalFlags, backend: import('../../model/backend.js').BackendName | undefined): Promise<void> {
  const k = Number(flags.cv);
  if (!Number.isInteger(k) || k < 2) throw new UsageError(`--cv takes a number of folds of 2 or more, not ${flags.cv}`);
  const { selectBackend } = await import('../../model/backend.js');
  const { loadModel } = await import('../../model/loaded.js');
  const { evaluateCrossVal } = await import('../../model/crossval-eval.js');
  const { formatCvText } = await import('../../model/cv-format.js');
  const { recipeOf } = await import('../../model/train.js');
  await selectBackend(backend);
  const model = await loadModel(flags.model);
  const { basename } = await import('node:path');
  const { report } = await evaluateCrossVal({
    data: flags.data,
    k,
    settings: recipeOf(model.meta),
    tokenizer: model.meta.tokenizer,
    name: basename(flags.model),
    baselines: flags.baselines === true,
    hooks: { log: (line) => process.stderr.write(line + '\n') },
  });
  model.dispose();
  process.stdout.write(flags.format === 'json' ? JSON.stringify(report) + '\n' : formatCvText(report));
  process.exitCode = 0;
}

/** Registers `eval` on the program. */
export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('Evaluate a model on labeled corpora (dev split): block, character and page metrics; real and synthetic pages apart.')
    .requiredOption('--data <dir>', 'labeled corpus folder (repeatable)', collect, [])
    .option('--model <dir>', 'model folder', 'models/default')
    .option('--split <split>', 'split to evaluate: dev or train', 'dev')
    .option('--format <format>', 'text or json (the typed EvalResult)', 'text')
    .option('--baselines', 'add the rules baseline and, when `fasttext` is on PATH, a fastText baseline')
    .option('--compare <dirs...>', 'two model folders: evaluate both and list blocks whose verdict changed')
    .option('--backend <name>', 'tfjs backend: node, wasm or cpu')
    .option('--cv <k>', "grouped k-fold cross-validation over every real page (both splits): the model's training recipe retrained k times, each fold judged by the model that never saw its sites")
    .option('--report <file>', 'also write a self-contained HTML report (PR curve, thresholds, breakdowns, changed blocks)')
    .action(async (flags: EvalFlags) => runEval(flags));
}
