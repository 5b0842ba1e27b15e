/** The report stage's public surface: page reports for moderators, eval reports for trainers. */
export { renderReport, ReportWriter, reportPolicy, type ReportSink } from './html.js';
export { openReportFile, writeReportFile, type ReportFile } from './file.js';
export { readResultLines, parseResultLine, type ResultLine } from './jsonl.js';
export { toPageResult } from './validate.js';
export { renderEvalReport, type EvalReportOptions } from './eval-html.js';
export type * from './types.js';
