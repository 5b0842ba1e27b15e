/** The moderator's loop: review model verdicts in a terminal, correct them, write a labeled corpus. */
export { runSession, type SessionOptions, type SessionSummary } from './session.js';
export { RawTerminal, type TerminalIO } from './terminal.js';
export { reportQueue, readReport, inferThreshold, pageMargin, type ReportQueue } from './report-queue.js';
export { readProgress, progressFileOf, PROGRESS_FILE, type Progress } from './progress.js';
export { LabelStore, pageId, corpusFileOf, splitFor, SOURCE_RE } from './label-store.js';
export { spamRegions, markedLines, markedSelectors, effectiveMarks, autoPageLabel } from './regions.js';
export { siblingRun } from './groups.js';
export { parseKeys, type Key } from './keys.js';
export { kindByName, loadReviewPage, type PageSource } from './load-page.js';
export type * from './types.js';
