/** Terminal display width of text: CJK and fullwidth characters take two columns. */

function wide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Columns of one character (0 for control and combining marks). */
export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp >= 0x300 && cp <= 0x36f) return 0;
  return wide(cp) ? 2 : 1;
}

/** Columns the text takes. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

/** The text cut to at most `cols` columns (with … when cut), control characters removed. */
export function fit(text: string, cols: number): string {
  if (cols <= 0) return '';
  let w = 0;
  let out = '';
  const chars = Array.from(text.replace(/[\x00-\x1f\x7f-\x9f]/g, ' '));
  const total = textWidth(chars.join(''));
  const room = total > cols ? cols - 1 : cols;
  for (const ch of chars) {
    const cw = charWidth(ch);
    if (w + cw > room) return out + '…';
    out += ch;
    w += cw;
  }
  return out;
}

/** The text padded with spaces to `cols` columns (cut first when longer). */
export function pad(text: string, cols: number): string {
  const s = fit(text, cols);
  return s + ' '.repeat(Math.max(0, cols - textWidth(s)));
}

/** The text broken into lines of at most `cols` columns. */
export function wrap(text: string, cols: number): string[] {
  const lines: string[] = [];
  let line = '';
  let w = 0;
  for (const ch of text.replace(/[\x00-\x1f\x7f-\x9f]/g, ' ')) {
    const cw = charWidth(ch);
    if (w + cw > cols && line) {
      lines.push(line);
      line = '';
      w = 0;
    }
    line += ch;
    w += cw;
  }
  if (line) lines.push(line);
  return lines;
}
