/**
 * Splits a byte stream into lines without ever holding more than one line
 * (up to a maximum length) in memory. Lines over the maximum are reported, not kept.
 */
import type { Readable } from 'node:stream';

export type Line =
  | { lineNo: number; text: string; tooLong?: undefined }
  | { lineNo: number; tooLong: true; bytes: number };

const NL = 0x0a;

/** Yields each line of `input` (1-based numbers, `\r\n` or `\n` endings); pulls input only as lines are consumed. */
export async function* readLines(input: Readable | AsyncIterable<Uint8Array | string>, maxLineBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let kept = 0; // bytes held in parts
  let seen = 0; // bytes of the current line, held or not
  let lineNo = 0;

  const finish = (): Line => {
    lineNo += 1;
    if (seen > maxLineBytes) {
      const line: Line = { lineNo, tooLong: true, bytes: seen };
      parts = [];
      kept = seen = 0;
      return line;
    }
    let buf = parts.length === 1 ? parts[0] : Buffer.concat(parts, kept);
    if (buf.length > 0 && buf[buf.length - 1] === 0x0d) buf = buf.subarray(0, buf.length - 1);
    parts = [];
    kept = seen = 0;
    return { lineNo, text: buf.toString('utf8') };
  };

  const hold = (piece: Buffer): void => {
    seen += piece.length;
    if (seen > maxLineBytes) {
      parts = [];
      kept = 0;
    } else if (piece.length > 0) {
      // Copy: the chunk's buffer may be reused by the stream.
      parts.push(Buffer.from(piece));
      kept += piece.length;
    }
  };

  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (let nl = buf.indexOf(NL, start); nl !== -1; nl = buf.indexOf(NL, start)) {
      hold(buf.subarray(start, nl));
      start = nl + 1;
      yield finish();
    }
    if (start < buf.length) hold(buf.subarray(start));
  }
  if (seen > 0) yield finish();
}
