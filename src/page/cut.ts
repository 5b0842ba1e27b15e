/**
 * A page longer than maxBytes is read as its head and its tail (headTailSizes says how much
 * of each): spam appended after megabytes of padding is still seen, and memory stays bounded
 * by the limit. The two parts are joined where markup allows: the head ends before a tag it
 * would cut, the tail starts after one, and a comment or raw-text element (`<script>`,
 * `<style>`…) left open at the head's end is closed, so the tail is read as markup again.
 */

/** Elements whose content htmlparser2 reads as raw text up to their own end tag. */
const RAW_TEXT = ['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes'];

const FFFD = 0xfffd;
const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** Drops what a cut leaves at a string's end: U+FFFD of a cut byte sequence, half a surrogate pair. */
export function trimCutEnd(s: string): string {
  let end = s.length;
  while (end > 0 && (s.charCodeAt(end - 1) === FFFD || isHigh(s.charCodeAt(end - 1)))) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** Drops what a cut leaves at a string's start. */
export function trimCutStart(s: string): string {
  let start = 0;
  while (start < s.length && (s.charCodeAt(start) === FFFD || isLow(s.charCodeAt(start)))) start++;
  return start === 0 ? s : s.slice(start);
}

/** Position of the last `<name` starting a tag (followed by space, `>` or `/`), or -1. */
function lastOpenTag(low: string, name: string): number {
  let at = low.lastIndexOf('<' + name);
  while (at !== -1) {
    const next = low.charCodeAt(at + 1 + name.length);
    if (Number.isNaN(next) || next === 0x3e || next === 0x2f || next <= 0x20) return at;
    at = at > 0 ? low.lastIndexOf('<' + name, at - 1) : -1;
  }
  return -1;
}

/** The end tag (or `-->`) that closes a comment or raw-text element still open at the end of `head`, or ''. */
export function openRawTextCloser(head: string): string {
  const low = head.toLowerCase();
  let best = -1;
  let closer = '';
  const comment = low.lastIndexOf('<!--');
  if (comment > low.lastIndexOf('-->')) {
    best = comment;
    closer = '-->';
  }
  for (const name of RAW_TEXT) {
    const open = lastOpenTag(low, name);
    if (open > best && open > low.lastIndexOf('</' + name)) {
      best = open;
      closer = `</${name}>`;
    }
  }
  return closer;
}

/** Joins the head and tail of an HTML page cut in the middle (see the file comment). */
export function joinHtmlHeadTail(head: string, tail: string): string {
  let h = trimCutEnd(head);
  let t = trimCutStart(tail);
  // The head ends inside a tag: end before it.
  const lt = h.lastIndexOf('<');
  if (lt > h.lastIndexOf('>')) h = h.slice(0, lt);
  // The tail starts inside a tag: start after it.
  const gt = t.indexOf('>');
  if (gt !== -1) {
    const firstLt = t.indexOf('<');
    if (firstLt === -1 || gt < firstLt) t = t.slice(gt + 1);
  }
  return h + openRawTextCloser(h) + t;
}

/** Joins the head and tail of a text page cut in the middle, at line ends. */
export function joinTextHeadTail(head: string, tail: string): string {
  let h = trimCutEnd(head);
  let t = trimCutStart(tail);
  const nl = h.lastIndexOf('\n');
  if (nl !== -1) h = h.slice(0, nl);
  const first = t.indexOf('\n');
  if (first !== -1) t = t.slice(first + 1);
  return h + '\n' + t;
}
