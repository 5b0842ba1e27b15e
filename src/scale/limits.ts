/** Size bounds for the scale-out modes (documented in docs/scale.md). */

/** Largest page (raw bytes) read from a JSONL line, WARC record, file or queue job: 4 MiB. */
export const DEFAULT_MAX_PAGE_BYTES = 4 * 1024 * 1024;

/** Longest JSON Lines input line: a 4 MiB page as base64 plus room for the other fields. */
export const DEFAULT_MAX_LINE_BYTES = Math.ceil((DEFAULT_MAX_PAGE_BYTES * 4) / 3) + 64 * 1024;
