/**
 * Typed errors shared by every stage. Each carries the file (or input name) it
 * concerns and a short reason, so the CLI can print one line: `file: reason`.
 */
export type ErrorCode =
  | 'read' // the input could not be read (missing file, permission, too large)
  | 'decode' // bytes are not text in any charset we could find
  | 'parse' // the page could not be segmented
  | 'labels' // a labels.jsonl line is invalid
  | 'model' // a model folder is missing, incomplete or of another feature-set version
  | 'usage'; // the API or CLI was called wrongly

export class SeospamError extends Error {
  readonly code: ErrorCode;
  readonly file: string | null;
  readonly reason: string;

  constructor(code: ErrorCode, file: string | null, reason: string) {
    super(file ? `${file}: ${reason}` : reason);
    this.name = 'SeospamError';
    this.code = code;
    this.file = file;
    this.reason = reason;
  }
}

export class InputError extends SeospamError {
  constructor(file: string | null, reason: string, code: 'read' | 'decode' | 'parse' = 'read') {
    super(code, file, reason);
    this.name = 'InputError';
  }
}

export class LabelError extends SeospamError {
  readonly line: number;
  constructor(file: string, line: number, reason: string) {
    super('labels', `${file}:${line}`, reason);
    this.name = 'LabelError';
    this.line = line;
  }
}

export class ModelError extends SeospamError {
  constructor(file: string | null, reason: string) {
    super('model', file, reason);
    this.name = 'ModelError';
  }
}

export class UsageError extends SeospamError {
  constructor(reason: string) {
    super('usage', null, reason);
    this.name = 'UsageError';
  }
}

/** One line for a person: the file and the reason, never a stack trace. */
export function describeError(err: unknown, file?: string): string {
  if (err instanceof SeospamError) return err.message;
  const msg = err instanceof Error ? err.message : String(err);
  const first = msg.split('\n')[0];
  return file ? `${file}: ${first}` : first;
}
