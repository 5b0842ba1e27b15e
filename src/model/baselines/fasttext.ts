/**
 * A fastText baseline through Debian's `fasttext` command: trained on the train
 * split's blocks, scored on the evaluated blocks. Absent command → null (the
 * caller notes the skip).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TextBlock {
  text: string;
  spam: boolean;
}

/** True when a `fasttext` executable is on PATH. */
export function fasttextAvailable(): boolean {
  const r = spawnSync('fasttext', [], { encoding: 'utf8' });
  return !r.error;
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase().slice(0, 5000) || '_empty_';
}

/** Trains on `train` and returns P(spam) for each of `blocks`; null when fasttext is not installed. */
export function fasttextScores(train: readonly TextBlock[], blocks: readonly string[], seed = 1): Float32Array | null {
  if (!fasttextAvailable()) return null;
  const dir = mkdtempSync(join(tmpdir(), 'seospam-fasttext-'));
  try {
    const input = join(dir, 'train.txt');
    writeFileSync(input, train.map((b) => `__label__${b.spam ? 'spam' : 'clean'} ${clean(b.text)}`).join('\n') + '\n');
    const model = join(dir, 'model');
    const fit = spawnSync('fasttext', ['supervised', '-input', input, '-output', model, '-epoch', '10', '-wordNgrams', '2', '-minn', '2', '-maxn', '4', '-thread', '1', '-seed', String(seed)], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (fit.status !== 0) throw new Error(`fasttext supervised failed: ${(fit.stderr || '').split('\n')[0]}`);
    const test = join(dir, 'test.txt');
    writeFileSync(test, blocks.map(clean).join('\n') + '\n');
    const pred = spawnSync('fasttext', ['predict-prob', `${model}.bin`, test, '2'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (pred.status !== 0) throw new Error(`fasttext predict-prob failed: ${(pred.stderr || '').split('\n')[0]}`);
    const lines = pred.stdout.split('\n');
    const out = new Float32Array(blocks.length);
    for (let i = 0; i < blocks.length; i++) {
      const m = /__label__spam (\S+)/.exec(lines[i] ?? '');
      const c = /__label__clean (\S+)/.exec(lines[i] ?? '');
      out[i] = m ? Number(m[1]) : c ? 1 - Number(c[1]) : 0;
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
