/** Whitespace collapsing as `s.replace(/\s+/g, ' ')` does it, without the regex work for text that needs none. */

/** Whether a UTF-16 code unit is one regex `\s` matches. */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

const WS = /\s+/g;

/**
 * `data` with every whitespace run turned into one space (`data.replace(/\s+/g, ' ')`),
 * or null when it holds no visible character. Text whose only whitespace is single
 * spaces, most of it, comes back as is, without a copy.
 */
export function collapseSpaces(data: string): string | null {
  let visible = false;
  let clean = true;
  let prevSpace = false;
  for (let i = 0; i < data.length; i++) {
    const c = data.charCodeAt(i);
    if (isSpace(c)) {
      if (c !== 32 || prevSpace) {
        clean = false;
        if (visible) break;
      }
      prevSpace = true;
    } else {
      visible = true;
      if (!clean) break;
      prevSpace = false;
    }
  }
  if (!visible) return null;
  return clean ? data : data.replace(WS, ' ');
}
