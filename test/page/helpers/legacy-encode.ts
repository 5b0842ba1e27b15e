/**
 * Encodes strings into legacy double-byte charsets for tests. Node's TextDecoder can only
 * decode them, so the table is built by decoding every two-byte code once.
 */
const tables = new Map<string, Map<string, number[]>>();

function tableFor(encoding: 'gbk' | 'big5' | 'shift_jis' | 'euc-kr'): Map<string, number[]> {
  let t = tables.get(encoding);
  if (t) return t;
  t = new Map();
  const dec = new TextDecoder(encoding, { fatal: true });
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      try {
        const ch = dec.decode(Uint8Array.from([lead, trail]));
        if (ch.length === 1 && !t.has(ch)) t.set(ch, [lead, trail]);
      } catch {
        // not a valid pair
      }
    }
  }
  tables.set(encoding, t);
  return t;
}

/** `text` in the given legacy charset; ASCII passes through; throws on a character the charset lacks. */
export function encodeLegacy(text: string, encoding: 'gbk' | 'big5' | 'shift_jis' | 'euc-kr'): Uint8Array {
  const t = tableFor(encoding);
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const b = t.get(ch);
      if (!b) throw new Error(`${encoding} cannot encode ${ch}`);
      out.push(...b);
    }
  }
  return Uint8Array.from(out);
}

/** `text` in windows-1252 (Latin-1 range only). */
export function encodeLatin1(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text, 'latin1'));
}

export function utf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}
