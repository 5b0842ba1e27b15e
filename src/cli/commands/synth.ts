/** `seospam synth --out DIR`: writes a synthetic labeled corpus built from real material. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { loadSynthConfig, synthesize } from '../../data/synth/index.js';
import type { Split } from '../../data/types.js';

interface SynthCliOptions {
  out: string;
  corpus: string;
  material: string;
  split: string;
  seed: string;
  pages?: string;
  config?: string;
}

function nonNegativeInt(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} must be a non-negative integer, not ${value}`);
  return n;
}

/** Registers `synth` on the program. */
export function registerSynth(program: Command): void {
  program
    .command('synth')
    .description('Make synthetic spam pages from real clean pages and real spam material, as a labeled corpus folder')
    .requiredOption('--out <dir>', 'output folder (outside the repository; replaced atomically)')
    .option('--corpus <dir>', 'labeled corpus to build on', '../shared/corpus')
    .option('--material <dir>', 'spam-kit material (MANIFEST.jsonl)', '../shared/spam-material')
    .option('--split <split>', 'train: inject into train pages; dev: a separate synthetic evaluation set', 'train')
    .option('--seed <n>', 'random seed', '1')
    .option('--pages <n>', 'pages to make (default: the config\'s)')
    .option('--config <file>', 'mix config (default: data/synth/default.json)')
    .action((opts: SynthCliOptions) => {
      if (opts.split !== 'train' && opts.split !== 'dev') throw new UsageError(`--split must be train or dev, not ${opts.split}`);
      const started = Date.now();
      const summary = synthesize({
        out: resolve(opts.out),
        corpusDir: resolve(opts.corpus),
        materialDir: resolve(opts.material),
        split: opts.split as Split,
        seed: nonNegativeInt('--seed', opts.seed),
        pages: opts.pages === undefined ? undefined : nonNegativeInt('--pages', opts.pages),
        config: loadSynthConfig(opts.config ? resolve(opts.config) : undefined),
      });
      const shapes = Object.entries(summary.byShape).map(([k, v]) => `${k} ${v}`).join(', ');
      process.stderr.write(`${summary.pages} pages written to ${summary.out} in ${((Date.now() - started) / 1000).toFixed(1)}s (${shapes})\n`);
    });
}
