/**
 * The review loop: pages one after another, each pre-marked (earlier labels, else the
 * model's verdicts), saved to the output corpus on Enter; progress kept in the folder so
 * quitting and running the command again resumes where the moderator left.
 */
import { resolve } from 'node:path';
import { describeError } from '../errors.js';
import type { Scorer } from '../scorer/types.js';
import { LabelStore, pageId } from './label-store.js';
import { loadReviewPage, type PageSource } from './load-page.js';
import { PageEditor, type EditorAction } from './page-editor.js';
import { readProgress, sameQueue, writeProgress, type Progress } from './progress.js';
import { buildRecord } from './record.js';
import { marksFromRecord } from './regions.js';
import { renderMessage, renderPage } from './screen.js';
import { isResize, type TerminalIO } from './terminal.js';
import { keyName } from './keys.js';
import type { PageMarks, ReviewPage, WriteSettings } from './types.js';

export interface SessionOptions {
  /** Output corpus folder. */
  out: string;
  /** Pages to review in order; the queue saved in `out` is resumed when it is the same. */
  sources: PageSource[];
  /** The report the pages came from (`--review`), for the header and the saved progress. */
  review: string | null;
  /** Scores pages that have no usable report result; null when none could be loaded. */
  scorer: Scorer | null;
  threshold: number;
  write: WriteSettings;
  terminal: TerminalIO;
}

export interface SessionSummary {
  labeled: number;
  skipped: number;
  total: number;
  /** Pages not yet labeled or skipped. */
  left: number;
  labelsFile: string;
}

/** Runs the review until the moderator quits; every save is on disk when it returns. */
export async function runSession(opts: SessionOptions): Promise<SessionSummary> {
  const store = new LabelStore(opts.out);
  const queue = opts.sources.map((s) => resolve(s.path));
  const ids = queue.map((p) => pageId(p, opts.write.source));
  const saved = readProgress(store.dir);
  const progress: Progress =
    saved && sameQueue(saved.queue, queue)
      ? saved
      : { version: 1, queue, review: opts.review ? resolve(opts.review) : null, position: firstOpen(ids, store), skipped: [], drafts: {} };
  progress.position = Math.max(0, Math.min(progress.position, queue.length));
  writeProgress(store.dir, progress);

  const term = opts.terminal;
  const loaded = new Map<number, ReviewPage | Error>();
  const load = (i: number): ReviewPage | Error => {
    let p = loaded.get(i);
    if (!p) {
      try {
        p = loadReviewPage(opts.sources[i], opts.scorer, opts.threshold);
      } catch (err) {
        p = new Error(describeError(err, opts.sources[i].path));
      }
      loaded.set(i, p);
      // Keep only the pages around the cursor in memory.
      for (const k of loaded.keys()) if (Math.abs(k - i) > 2) loaded.delete(k);
    }
    return p;
  };
  const labeledInQueue = () => ids.filter((id) => store.get(id) !== undefined).length;

  while (true) {
    const i = progress.position;
    if (i >= queue.length) {
      const action = await endScreen(term, store, labeledInQueue(), progress.skipped.length, queue.length);
      if (action === 'back' && queue.length > 0) {
        progress.position = queue.length - 1;
        writeProgress(store.dir, progress);
        continue;
      }
      break;
    }
    const page = load(i);
    const action = page instanceof Error ? await errorScreen(term, page, i, queue.length) : await editPage(page, i);
    if (action === 'quit') break;
    if (action === 'skip' && page instanceof Error && !progress.skipped.includes(queue[i])) progress.skipped.push(queue[i]);
    if (action === 'back') progress.position = Math.max(0, i - 1);
    else progress.position = i + 1;
    writeProgress(store.dir, progress);
  }
  writeProgress(store.dir, progress);
  const labeled = labeledInQueue();
  const left = queue.filter((p, k) => store.get(ids[k]) === undefined && !progress.skipped.includes(p)).length;
  return { labeled, skipped: progress.skipped.length, total: queue.length, left, labelsFile: store.labelsFile };

  async function editPage(page: ReviewPage, i: number): Promise<EditorAction> {
    const path = queue[i];
    const earlier = store.get(ids[i]);
    const initial: PageMarks = progress.drafts[path] ?? initialMarks(page, earlier);
    const cursor = opts.review ? leastSure(page) : 0;
    const editor = new PageEditor(page, initial, cursor);
    if (progress.drafts[path]) editor.message = 'your unsaved marks from last time';
    else if (earlier) editor.message = `labeled before (${earlier.page}); saving again replaces that line`;
    const header = () => ({
      index: i + 1,
      total: queue.length,
      labeled: labeledInQueue(),
      skipped: progress.skipped.length,
      review: opts.review !== null,
    });
    while (true) {
      const { cols, rows } = term.size();
      term.draw(renderPage(editor, header(), cols, rows, term.color));
      const key = await term.nextKey();
      if (isResize(key)) continue;
      const action = editor.handle(key, rows);
      if (action === null) continue;
      if (action === 'save') {
        try {
          store.put(buildRecord(page, editor.result(), opts.write, earlier), page.bytes);
        } catch (err) {
          editor.message = `not saved: ${describeError(err)}`;
          continue;
        }
        delete progress.drafts[path];
        progress.skipped = progress.skipped.filter((p) => p !== path);
      } else if (action === 'skip') {
        delete progress.drafts[path];
        if (!progress.skipped.includes(path)) progress.skipped.push(path);
      } else {
        // Back or quit: keep unsaved changes as a draft for next time.
        if (editor.touched) progress.drafts[path] = editor.result();
      }
      return action;
    }
  }
}

/** Index of the first page of the queue without a label in the store. */
function firstOpen(ids: string[], store: LabelStore): number {
  const k = ids.findIndex((id) => store.get(id) === undefined);
  return k < 0 ? ids.length : k;
}

/** Marks from the page's earlier label when it has one, else the model's verdicts. */
function initialMarks(page: ReviewPage, earlier: ReturnType<LabelStore['get']>): PageMarks {
  if (earlier) {
    try {
      const marks = marksFromRecord(page.parsed, earlier);
      const auto = marks.every((m) => !m) ? 'clean' : marks.every(Boolean) ? 'spam' : 'mixed';
      return { marks, page: earlier.page === auto ? 'auto' : earlier.page };
    } catch {
      // An earlier line that no longer fits the page: start from the model.
    }
  }
  return { marks: page.blocks.map((b) => b.modelSpam), page: 'auto' };
}

/** The block whose score came closest to the threshold. */
function leastSure(page: ReviewPage): number {
  let best = 0;
  page.blocks.forEach((b, i) => {
    if (Math.abs(b.score - page.threshold) < Math.abs(page.blocks[best].score - page.threshold)) best = i;
  });
  return best;
}

async function errorScreen(term: TerminalIO, err: Error, i: number, total: number): Promise<EditorAction> {
  while (true) {
    const { cols, rows } = term.size();
    term.draw(renderMessage(`seospam label  page ${i + 1} of ${total}`, [`cannot review this page: ${err.message}`], 'n skip  b back  q quit', cols, rows, term.color));
    const k = keyName(await term.nextKey());
    if (k === 'n' || k === 'enter') return 'skip';
    if (k === 'b') return 'back';
    if (k === 'q' || k === 'ctrl-c') return 'quit';
  }
}

async function endScreen(term: TerminalIO, store: LabelStore, labeled: number, skipped: number, total: number): Promise<EditorAction> {
  while (true) {
    const { cols, rows } = term.size();
    const body = [
      `All ${total} pages done: ${labeled} labeled, ${skipped} skipped.`,
      `Labels: ${store.labelsFile}`,
      `Retrain with: seospam train --data <your corpora> --data ${store.dir} --out models/NEW`,
    ];
    term.draw(renderMessage('seospam label  done', body, 'b back  q or enter quit', cols, rows, term.color));
    const k = keyName(await term.nextKey());
    if (k === 'b') return 'back';
    if (k === 'q' || k === 'enter' || k === 'ctrl-c') return 'quit';
  }
}
