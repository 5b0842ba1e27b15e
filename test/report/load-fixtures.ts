/** Reads the hand-written result fixtures under test/fixtures/report. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readResultLines } from '../../src/report/jsonl.js';
import type { ReportInfo } from '../../src/report/types.js';
import type { PageResult } from '../../src/scorer/types.js';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/report');

/** The pages and the scorer-info line of a fixture JSONL file. */
export async function loadFixture(name: string): Promise<{ pages: PageResult[]; info: ReportInfo }> {
  const pages: PageResult[] = [];
  let info: ReportInfo = {};
  for await (const line of readResultLines(path.join(FIXTURES, name))) {
    if (line.kind === 'page') pages.push(line.result);
    else if (line.kind === 'info') info = { ...info, ...line.info };
    else throw line.error;
  }
  return { pages, info };
}
