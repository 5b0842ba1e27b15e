/**
 * What the network sees for each block, built by one function for both training
 * and scoring: the block's standardized feature row, the mean of its neighbours'
 * rows (page context: a link-farm line among link-farm lines), and its hashed bag
 * folded to the model's bucket count as L2-normalized log counts (sparse, CSR).
 */
import type { FeatureMatrix } from '../features/types.js';
import { normalizeRow, type Normalizer } from './normalize.js';

export interface BlockInputs {
  /** Number of blocks. */
  n: number;
  /** Dense width: 2 × feature columns (own row, neighbours' mean). */
  width: number;
  /** n × width, row-major. */
  dense: Float32Array;
  /** CSR bag: block i owns entries bagOffsets[i] .. bagOffsets[i+1]. */
  bagOffsets: Int32Array;
  /** Folded bucket ids in [0, bagDims), unique within a block. */
  bagIds: Int32Array;
  bagVals: Float32Array;
}

/** Dense input width for a feature set of `columns` columns. */
export function denseWidth(columns: number): number {
  return columns * 2;
}

/** Builds the network inputs of one page's blocks. */
export function buildBlockInputs(matrix: FeatureMatrix, norm: Normalizer, bagDims: number): BlockInputs {
  const n = matrix.rows.length;
  const f = norm.mean.length;
  const width = denseWidth(f);
  const own = new Float32Array(n * f);
  for (let i = 0; i < n; i++) normalizeRow(norm, matrix.rows[i], own, i * f);
  const dense = new Float32Array(n * width);
  for (let i = 0; i < n; i++) {
    const base = i * width;
    dense.set(own.subarray(i * f, (i + 1) * f), base);
    const hasPrev = i > 0;
    const hasNext = i + 1 < n;
    const k = (hasPrev ? 1 : 0) + (hasNext ? 1 : 0);
    if (k === 0) continue; // no neighbours: zeros, the training mean
    for (let c = 0; c < f; c++) {
      const s = (hasPrev ? own[(i - 1) * f + c] : 0) + (hasNext ? own[(i + 1) * f + c] : 0);
      dense[base + f + c] = s / k;
    }
  }
  const { offsets, ids, vals } = foldBags(matrix.bags, bagDims);
  return { n, width, dense, bagOffsets: offsets, bagIds: ids, bagVals: vals };
}

/** Folds hashed bucket ids to `dims` buckets; value = log1p(count), L2-normalized per block. */
export function foldBags(
  bags: readonly Int32Array[],
  dims: number,
): { offsets: Int32Array; ids: Int32Array; vals: Float32Array } {
  const offsets = new Int32Array(bags.length + 1);
  let total = 0;
  for (let i = 0; i < bags.length; i++) total += bags[i].length;
  const ids = new Int32Array(total);
  const vals = new Float32Array(total);
  const counts = new Map<number, number>();
  let at = 0;
  for (let i = 0; i < bags.length; i++) {
    counts.clear();
    for (const raw of bags[i]) {
      const id = ((raw % dims) + dims) % dims;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const start = at;
    let norm = 0;
    for (const [id, count] of counts) {
      const v = Math.log1p(count);
      ids[at] = id;
      vals[at] = v;
      norm += v * v;
      at++;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = start; j < at; j++) vals[j] *= scale;
    offsets[i + 1] = at;
  }
  return { offsets, ids: ids.subarray(0, at), vals: vals.subarray(0, at) };
}

/** Expands the bags of `blocks` (indices into inputs) into a dense multi-hot matrix, for training. */
export function densifyBags(
  offsets: Int32Array,
  ids: Int32Array,
  vals: Float32Array,
  blocks: ArrayLike<number>,
  dims: number,
): Float32Array {
  const out = new Float32Array(blocks.length * dims);
  for (let r = 0; r < blocks.length; r++) {
    const b = blocks[r];
    for (let j = offsets[b]; j < offsets[b + 1]; j++) out[r * dims + ids[j]] = vals[j];
  }
  return out;
}
