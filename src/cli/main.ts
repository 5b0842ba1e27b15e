#!/usr/bin/env node
/**
 * The seospam command line: a thin shell over the public API. Each command lives
 * in its own module under ./commands and registers itself on the program.
 *
 * Exit codes, like grep: 0 no spam found, 1 spam found, 2 an error.
 */
import { Command, CommanderError } from 'commander';
import { describeError } from '../errors.js';
import { commands } from './commands/index.js';
import { packageVersion } from './version.js';

export const EXIT_CLEAN = 0;
export const EXIT_SPAM = 1;
export const EXIT_ERROR = 2;

/** `seospam --version`: the version and the tfjs backend this machine would score on. */
async function printVersion(): Promise<number> {
  const { selectBackend } = await import('../model/backend.js');
  let backend: string;
  try {
    backend = await selectBackend();
  } catch (err) {
    backend = `none (${describeError(err)})`;
  }
  const note = backend === 'node' ? '' : ' (@tensorflow/tfjs-node not available)';
  process.stdout.write(`seospam ${packageVersion()}\ntfjs backend: ${backend}${note}\n`);
  return EXIT_CLEAN;
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 3 && (argv[2] === '-V' || argv[2] === '--version')) return printVersion();
  const program = new Command();
  program
    .name('seospam')
    .description('Find SEO spam blocks in web pages: keyword lists, templated phrases, link farms, hidden links.')
    .option('-V, --version', 'print the version and the tfjs backend in use')
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({ outputError: (str, write) => write(str.split('\n')[0] + '\n') });
  for (const register of commands) register(program);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return err.exitCode === 0 ? EXIT_CLEAN : EXIT_ERROR;
    }
    process.stderr.write(`seospam: ${describeError(err)}\n`);
    return EXIT_ERROR;
  }
  return typeof process.exitCode === 'number' ? process.exitCode : EXIT_CLEAN;
}

// A reader that stops early (`seospam score … | head`) closes the pipe: end quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_CLEAN);
  throw err;
});

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`seospam: ${describeError(err)}\n`);
    process.exitCode = EXIT_ERROR;
  },
);
