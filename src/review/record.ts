/** A reviewed page → its labels.jsonl line. */
import type { LabelRecord } from '../data/types.js';
import { corpusFileOf, pageId, splitFor } from './label-store.js';
import { effectiveMarks, pageLabelOf, spamRegions } from './regions.js';
import type { PageMarks, ReviewPage, WriteSettings } from './types.js';

/** The line for a page: regions of its marked blocks, page label, split (kept from an earlier line). */
export function buildRecord(page: ReviewPage, marks: PageMarks, settings: WriteSettings, earlier?: LabelRecord): LabelRecord {
  const id = pageId(page.source, settings.source);
  const label = pageLabelOf(marks.page, effectiveMarks(page.parsed, marks.marks));
  const record: LabelRecord = {
    id,
    file: corpusFileOf(id, settings.source, page.kind),
    source: settings.source,
    lang: settings.lang ?? page.lang,
    page: label,
    split: earlier?.split ?? splitFor(id, settings.split, settings.devShare),
  };
  const spam = label === 'clean' ? undefined : spamRegions(page.parsed, marks.marks);
  if (spam) record.spam = spam;
  record.origin = `seospam label: ${page.source}`;
  return record;
}
