/** Writes a page report to a file as the results arrive, honouring the stream's backpressure. */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { InputError } from '../errors.js';
import type { PageResult } from '../scorer/types.js';
import { ReportWriter } from './html.js';
import type { ReportInfo, ReportSummary } from './types.js';

/** Resolves on the stream's next 'drain' or 'error', leaving no listener behind. */
function drained(stream: WriteStream): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('error', done);
  });
}

/** Open report file: add pages, then `close()`; the file appears (renamed from `FILE.tmp`) only when closed. */
export interface ReportFile {
  add(result: PageResult): Promise<void>;
  /** Adds to the run info shown in the summary (written on close). */
  updateInfo(info: ReportInfo): void;
  /** Finishes and renames the file into place; returns the counts. */
  close(): Promise<ReportSummary>;
  /** Removes the partial file (after an error). */
  abort(): Promise<void>;
}

/** Starts a report at `path` (written to `path.tmp` until closed). */
export async function openReportFile(path: string, info: ReportInfo = {}): Promise<ReportFile> {
  const tmp = `${path}.tmp`;
  const stream = createWriteStream(tmp, { encoding: 'utf8' });
  let failure: Error | null = null;
  stream.on('error', (err) => {
    failure = err;
  });
  try {
    await once(stream, 'open');
  } catch (err) {
    throw new InputError(path, `cannot write (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const fail = (): never => {
    throw new InputError(path, `cannot write (${(failure as NodeJS.ErrnoException | null)?.code ?? failure?.message})`);
  };
  let waiting = false;
  const writer = new ReportWriter((chunk) => {
    const ok = stream.write(chunk);
    if (!ok) waiting = true;
    return ok;
  }, info);
  return {
    async add(result) {
      if (failure) fail();
      writer.add(result);
      if (waiting) {
        waiting = false;
        await drained(stream);
        if (failure) fail();
      }
    },
    updateInfo(more) {
      writer.updateInfo(more);
    },
    async close() {
      const summary = writer.finish();
      stream.end();
      await new Promise<void>((resolve) => stream.once('close', () => resolve()));
      if (failure) fail();
      await rename(tmp, path).catch((err: NodeJS.ErrnoException) => {
        throw new InputError(path, `cannot write (${err.code ?? err.message})`);
      });
      return summary;
    },
    async abort() {
      stream.destroy();
      await rm(tmp, { force: true });
    },
  };
}

/** Writes all `results` as a report at `path` and returns the counts. */
export async function writeReportFile(
  path: string,
  results: AsyncIterable<PageResult> | Iterable<PageResult>,
  info: ReportInfo = {},
): Promise<ReportSummary> {
  const file = await openReportFile(path, info);
  try {
    for await (const r of results) await file.add(r);
  } catch (err) {
    await file.abort();
    throw err;
  }
  return file.close();
}
