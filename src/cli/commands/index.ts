import type { Command } from 'commander';
import { registerReport } from './report.js';
import { registerBlocks } from './blocks.js';

/** Every CLI command, each in its own module; add one line per command. */
export const commands: Array<(program: Command) => void> = [
  registerReport,
  registerBlocks,
];
