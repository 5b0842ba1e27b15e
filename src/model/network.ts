/**
 * The block classifier: standardized features (own row + neighbours' mean) and a
 * folded hashed bag through a small dense layer, concatenated, then a small MLP
 * with dropout and L2, ending in one sigmoid.
 *
 * Training feeds the bag as a dense multi-hot matrix; scoring computes the same
 * bag layer sparsely (gather + segment sum of the rows of its kernel), which is
 * mathematically identical and far cheaper for a 50-block page.
 */
import { tf, tfl } from './backend.js';
import type { BlockInputs } from './inputs.js';

export interface NetworkConfig {
  /** Buckets the hashed bag is folded to before the bag layer. */
  bagDims: number;
  /** Units of the bag layer. */
  bagUnits: number;
  /** Units of the hidden layers after the concatenation. */
  hidden: number[];
  /** Dropout rate on the bag input (word dropout) and after each hidden layer. */
  bagDropout: number;
  dropout: number;
  /** L2 weight penalty on every kernel (ten times stronger on the bag layer). */
  l2: number;
}

export const DEFAULT_NETWORK: NetworkConfig = {
  bagDims: 2048,
  bagUnits: 8,
  hidden: [32, 16],
  bagDropout: 0.3,
  dropout: 0.3,
  l2: 1e-4,
};

const BAG_LAYER = 'bag_dense';
const HEAD_PREFIX = 'head_';

/** Builds an untrained network for `denseWidth` dense inputs; weights initialized from `seed`. */
export function buildNetwork(config: NetworkConfig, denseWidth: number, seed: number): tfl.LayersModel {
  const init = (k: number) => tfl.initializers.glorotUniform({ seed: seed + k });
  const dense = tfl.input({ shape: [denseWidth], name: 'features' });
  const bag = tfl.input({ shape: [config.bagDims], name: 'bag' });
  const bagDrop = tfl.layers.dropout({ rate: config.bagDropout, seed: seed + 100, name: 'bag_dropout' }).apply(bag);
  const bagHidden = tfl.layers
    .dense({
      units: config.bagUnits,
      activation: 'relu',
      kernelInitializer: init(1),
      kernelRegularizer: tfl.regularizers.l2({ l2: config.l2 * 10 }),
      name: BAG_LAYER,
    })
    .apply(bagDrop);
  let h = tfl.layers.concatenate({ name: 'concat' }).apply([dense, bagHidden] as tfl.SymbolicTensor[]);
  let k = 0;
  config.hidden.forEach((units, i) => {
    h = tfl.layers
      .dense({
        units,
        activation: 'relu',
        kernelInitializer: init(2 + i),
        kernelRegularizer: tfl.regularizers.l2({ l2: config.l2 }),
        name: `${HEAD_PREFIX}${k++}`,
      })
      .apply(h);
    h = tfl.layers.dropout({ rate: config.dropout, seed: seed + 200 + i, name: `${HEAD_PREFIX}${k++}` }).apply(h);
  });
  const out = tfl.layers
    .dense({ units: 1, activation: 'sigmoid', kernelInitializer: init(50), name: `${HEAD_PREFIX}${k++}` })
    .apply(h);
  return tfl.model({ inputs: [dense, bag], outputs: out as tfl.SymbolicTensor, name: 'seospam_blocks' });
}

/** A trained network split for sparse scoring: the bag layer's weights and the head layers in order. */
export interface ScoringNetwork {
  model: tfl.LayersModel;
  bagKernel: tf.Tensor2D;
  bagBias: tf.Tensor1D;
  head: tfl.layers.Layer[];
}

/** Prepares a trained (or loaded) network for `scoreBlocks`. */
export function scoringNetwork(model: tfl.LayersModel): ScoringNetwork {
  const [kernel, bias] = model.getLayer(BAG_LAYER).getWeights();
  const head = model.layers
    .filter((l) => l.name.startsWith(HEAD_PREFIX))
    .sort((a, b) => Number(a.name.slice(HEAD_PREFIX.length)) - Number(b.name.slice(HEAD_PREFIX.length)));
  return { model, bagKernel: kernel as tf.Tensor2D, bagBias: bias as tf.Tensor1D, head };
}

/** Block scores in [0, 1] for one page's inputs; synchronous, one pass over the backend. */
export function scoreBlocks(net: ScoringNetwork, inputs: BlockInputs): Float32Array {
  const { n, width } = inputs;
  if (n === 0) return new Float32Array(0);
  let out: Float32Array = new Float32Array(n);
  tf.tidy(() => {
    const units = net.bagKernel.shape[1];
    const nnz = inputs.bagIds.length;
    // Segment ids from the CSR offsets, plus one zero entry on the last block so the
    // segment sum always has n rows (blocks with an empty bag get zeros).
    const seg = new Int32Array(nnz + 1);
    for (let i = 0; i < n; i++) seg.fill(i, inputs.bagOffsets[i], inputs.bagOffsets[i + 1]);
    seg[nnz] = n - 1;
    const order = new Int32Array(nnz + 1);
    for (let j = 0; j <= nnz; j++) order[j] = j;
    const rows = tf.mul(
      tf.gather(net.bagKernel, tf.tensor1d(inputs.bagIds, 'int32')),
      tf.tensor2d(inputs.bagVals, [nnz, 1]),
    );
    const padded = tf.concat([rows, tf.zeros([1, units])], 0);
    const summed = tf.sparse.sparseSegmentSum(padded, tf.tensor1d(order, 'int32'), tf.tensor1d(seg, 'int32'));
    const bagHidden = tf.relu(tf.add(summed, net.bagBias));
    let h: tf.Tensor = tf.concat([tf.tensor2d(inputs.dense, [n, width]), bagHidden], 1);
    for (const layer of net.head) h = layer.apply(h) as tf.Tensor;
    out = h.dataSync() as Float32Array;
  });
  return out;
}
