import type { Command } from 'commander';

/** Every CLI command, each in its own module; add one line per command. */
export const commands: Array<(program: Command) => void> = [
];
