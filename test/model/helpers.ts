/** Small hand-made feature matrices and metas for the model tests. */
import { Rng } from '../../src/data/synth/prng.js';
import { META_FORMAT } from '../../src/model/meta.js';
import type { FeatureMatrix, TokenizerSettings } from '../../src/features/types.js';
import type { PreparedPage } from '../../src/model/dataset.js';
import type { ModelMeta } from '../../src/model/meta.js';
import { DEFAULT_NETWORK, type NetworkConfig } from '../../src/model/network.js';
import { fitNormalizer } from '../../src/model/normalize.js';

export const TEST_VERSION = 'test-fs-1';
export const COLUMNS = ['chars', 'linkShare', 'repeat', 'hidden'];
export const TOKENIZER: TokenizerSettings = { bagBuckets: 1 << 16, charNgrams: [2], jiebaDict: 'none', stem: false };
export const NETWORK: NetworkConfig = { ...DEFAULT_NETWORK, bagDims: 64, bagUnits: 4, hidden: [8] };

/** A deterministic pseudo-random generator (mulberry32) for test data. */
export function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

/** A page of `n` blocks; `spam[i]` blocks get link-heavy rows and bag ids from a "spam vocabulary". */
export function makeMatrix(spam: boolean[], seed = 1): FeatureMatrix {
  const r = rng(seed);
  const rows = spam.map((s) =>
    Float32Array.from([20 + r() * 400, s ? 0.7 + r() * 0.3 : r() * 0.2, s ? 0.5 + r() * 0.5 : r() * 0.3, s && r() < 0.3 ? 1 : 0]),
  );
  const bags = spam.map((s, i) => {
    const len = i % 5 === 4 ? 0 : 3 + Math.floor(r() * 10); // some empty bags
    return Int32Array.from({ length: len }, () => (s ? 1000 : 5000) + Math.floor(r() * 300));
  });
  return { version: TEST_VERSION, columns: COLUMNS, rows, bags, evidence: spam.map(() => ({})), siblings: new Int32Array(spam.length), tokenizer: TOKENIZER };
}

/** A meta for a model trained on `rows`. */
export function makeMeta(rows: Float32Array[], over: Partial<ModelMeta> = {}): ModelMeta {
  return {
    format: META_FORMAT,
    name: 'test',
    featureSetVersion: TEST_VERSION,
    columns: COLUMNS,
    normalizer: fitNormalizer(COLUMNS, rows),
    tokenizer: TOKENIZER,
    network: NETWORK,
    rollup: { threshold: 0.5, minChars: 12 },
    threshold: { precisionTarget: 0.99, reached: true, devPrecision: 1, devRecall: 1 },
    fingerprint: 'test',
    corpora: [],
    trainBlocks: rows.length,
    trainSpamBlocks: 0,
    epochs: 0,
    dev: null,
    devSynthetic: null,
    date: '2024-01-01T00:00:00.000Z',
    seed: 1,
    backend: 'cpu',
    cleanRanges: {},
    ...over,
  };
}

/** A prepared page (as the data stage + features would give) of hand-made blocks. */
export function makePage(id: string, spam: boolean[], seed: number, synthetic = false): PreparedPage {
  const matrix = makeMatrix(spam, seed);
  const chars = matrix.rows.map((r) => Math.round(r[0]));
  return {
    id,
    file: `pages/${id}.txt`,
    corpus: '/corpus',
    source: seed % 2 ? 'odd' : 'even',
    lang: seed % 3 ? 'en' : 'zh',
    synthetic,
    kinds: spam.some(Boolean) ? ['keyword-list'] : [],
    label: spam.some(Boolean) ? 'mixed' : 'clean',
    matrix,
    titleMatrix: null,
    chars,
    spamShare: spam.map((s) => (s ? 1 : 0)),
    isSpam: [...spam],
    spamAll: false,
    furniture: spam.map(() => false),
    texts: spam.map((s, i) => `${s ? 'spam' : 'text'} ${i}`),
    parts: spam.map((s, i) => [`${s ? 'spam' : 'text'} ${i}`]),
    linkChars: spam.map((s, i) => (s ? chars[i] : 0)),
    selectors: spam.map((_, i) => `html > body > p:nth-of-type(${i + 1})`),
    lines: spam.map(() => null),
  };
}

/** `count` pages of 12 blocks; every other page has 1–3 spam blocks. */
export function makePages(prefix: string, count: number, seed: number): PreparedPage[] {
  const r = rng(seed);
  return Array.from({ length: count }, (_, k) => {
    const spam = Array.from({ length: 12 }, () => false);
    if (k % 2 === 1) for (let j = 0; j < 1 + Math.floor(r() * 3); j++) spam[Math.floor(r() * 12)] = true;
    return makePage(`${prefix}${k}`, spam, seed * 1000 + k);
  });
}
