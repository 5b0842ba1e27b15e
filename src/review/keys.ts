/** Raw terminal input → key names (arrows, Enter, letters …), several keys per chunk. */

export type Key =
  | 'up' | 'down' | 'pageup' | 'pagedown' | 'home' | 'end' | 'enter' | 'escape' | 'space'
  | 'ctrl-c' | 'backspace' | { char: string };

const SEQUENCES: Array<[string, Key]> = [
  ['\x1b[A', 'up'], ['\x1bOA', 'up'],
  ['\x1b[B', 'down'], ['\x1bOB', 'down'],
  ['\x1b[5~', 'pageup'], ['\x1b[6~', 'pagedown'],
  ['\x1b[H', 'home'], ['\x1bOH', 'home'], ['\x1b[1~', 'home'],
  ['\x1b[F', 'end'], ['\x1bOF', 'end'], ['\x1b[4~', 'end'],
  ['\x1b[C', { char: 'right' }], ['\x1b[D', { char: 'left' }], ['\x1bOC', { char: 'right' }], ['\x1bOD', { char: 'left' }],
];

/** Splits one chunk of raw input into keys; unknown escape sequences are dropped. */
export function parseKeys(chunk: string): Key[] {
  const keys: Key[] = [];
  let i = 0;
  while (i < chunk.length) {
    const c = chunk[i];
    if (c === '\x1b') {
      const seq = SEQUENCES.find(([s]) => chunk.startsWith(s, i));
      if (seq) {
        keys.push(seq[1]);
        i += seq[0].length;
        continue;
      }
      // A lone Esc, or an unknown CSI sequence (skip to its final byte).
      if (chunk[i + 1] === '[' || chunk[i + 1] === 'O') {
        let j = i + 2;
        while (j < chunk.length && !/[A-Za-z~]/.test(chunk[j])) j++;
        i = j + 1;
        continue;
      }
      keys.push('escape');
      i++;
      continue;
    }
    if (c === '\r' && chunk[i + 1] === '\n') i++; // CR LF is one Enter
    if (c === '\r' || c === '\n') keys.push('enter');
    else if (c === ' ') keys.push('space');
    else if (c === '\x03') keys.push('ctrl-c');
    else if (c === '\x7f' || c === '\b') keys.push('backspace');
    else if (c >= ' ') keys.push({ char: c });
    i++;
  }
  return keys;
}

/** The key's name for matching: named keys as themselves, characters as the character. */
export function keyName(k: Key): string {
  return typeof k === 'string' ? k : k.char;
}
