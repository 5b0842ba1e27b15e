/** Seeded random strings drawn from an alphabet, for checking a fast scan against its regex reference. */
export function randomStrings(alphabet: readonly string[], count: number, maxLength: number, seed: number): string[] {
  let state = seed;
  const rand = (n: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % n;
  };
  const out: string[] = [];
  for (let t = 0; t < count; t++) {
    let s = '';
    const len = rand(maxLength);
    for (let i = 0; i < len; i++) s += alphabet[rand(alphabet.length)];
    out.push(s);
  }
  return out;
}
