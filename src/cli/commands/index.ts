import type { Command } from 'commander';
import { registerScore } from './score.js';
import { registerReport } from './report.js';
import { registerBlocks } from './blocks.js';
import { registerFeatures } from './features.js';
import { registerTrain } from './train.js';
import { registerEval } from './eval.js';
import { registerWorker } from './worker.js';
import { registerEnqueue } from './enqueue.js';
import { registerExportBlocks } from './export-blocks.js';
import { registerSynth } from './synth.js';
import { registerLabel } from './label.js';

/** Every CLI command, each in its own module; add one line per command. */
export const commands: Array<(program: Command) => void> = [
  registerScore,
  registerReport,
  registerBlocks,
  registerFeatures,
  registerTrain,
  registerEval,
  registerWorker,
  registerEnqueue,
  registerExportBlocks,
  registerSynth,
  registerLabel,
];
