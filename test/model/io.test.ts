import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelError } from '../../src/errors.js';
import { selectBackend, tf } from '../../src/model/backend.js';
import { buildBlockInputs, denseWidth, densifyBags, stackInputs } from '../../src/model/inputs.js';
import { readMeta, readNetwork, readScoringMembers, readScoringNetwork, saveModel } from '../../src/model/io.js';
import type { ModelMeta } from '../../src/model/meta.js';
import { buildNetwork, scoreBlocks, scoreMembers, scoringNetwork } from '../../src/model/network.js';
import { makeMatrix, makeMeta, NETWORK, TEST_VERSION } from './helpers.js';

let dir: string;
beforeAll(async () => {
  await selectBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'seospam-model-io-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const matrix = makeMatrix([false, true, true, false, false, true, false, false, true, false, false, false], 3);
const meta = makeMeta(matrix.rows);

function denseScores(model: ReturnType<typeof buildNetwork>, m: ModelMeta): Float32Array {
  const inputs = buildBlockInputs(matrix, m.normalizer, m.network);
  const blocks = Array.from({ length: inputs.n }, (_, i) => i);
  const bag = densifyBags(inputs.bagOffsets, inputs.bagIds, inputs.bagVals, blocks, m.network.bagDims);
  return tf.tidy(() => {
    const out = model.predict([
      tf.tensor2d(inputs.dense, [inputs.n, inputs.width]),
      tf.tensor2d(bag, [inputs.n, m.network.bagDims]),
    ]) as tf.Tensor;
    return out.dataSync() as Float32Array;
  });
}

describe('model folder save/load', () => {
  it('sparse scoring equals the dense network, and a saved model predicts the same after loading', async () => {
    const model = buildNetwork(NETWORK, denseWidth(matrix.columns.length, NETWORK), 7);
    const dense = denseScores(model, meta);
    const sparse = scoreBlocks(scoringNetwork(model), buildBlockInputs(matrix, meta.normalizer, NETWORK));
    expect(sparse.length).toBe(matrix.rows.length);
    for (let i = 0; i < dense.length; i++) expect(Math.abs(sparse[i] - dense[i])).toBeLessThan(1e-6);
    // scores vary by block: the network is not constant
    expect(Math.max(...sparse) - Math.min(...sparse)).toBeGreaterThan(1e-4);

    const out = join(dir, 'roundtrip');
    await saveModel(model, meta, out);
    expect((await readdir(out)).sort()).toEqual(['meta.json', 'model.json', 'weights.bin']);
    const loaded = scoringNetwork(await readNetwork(out));
    const again = scoreBlocks(loaded, buildBlockInputs(matrix, meta.normalizer, NETWORK));
    for (let i = 0; i < dense.length; i++) expect(Math.abs(again[i] - sparse[i])).toBeLessThan(1e-6);
    expect(await readMeta(out, TEST_VERSION)).toEqual(meta);
  });

  it('saves an ensemble as one folder of numbered networks and loads it to the same scores; a missing member is named', async () => {
    const width = denseWidth(matrix.columns.length, NETWORK);
    const members = [buildNetwork(NETWORK, width, 7), buildNetwork(NETWORK, width, 8), buildNetwork(NETWORK, width, 9)];
    const m3 = { ...meta, members: 3 };
    const out = join(dir, 'ensemble');
    await expect(saveModel(members.slice(0, 2), m3, out)).rejects.toThrow(/3 networks, 2 given/);
    await saveModel(members, m3, out);
    expect((await readdir(out)).sort()).toEqual(['meta.json', 'model-2.json', 'model-3.json', 'model.json', 'weights-2.bin', 'weights-3.bin', 'weights.bin']);
    const inputs = buildBlockInputs(matrix, meta.normalizer, NETWORK);
    const before = scoreMembers(members.map(scoringNetwork), inputs);
    const loaded = await readScoringMembers(out, await readMeta(out, TEST_VERSION));
    expect(loaded).toHaveLength(3);
    expect(Array.from(scoreMembers(loaded, inputs))).toEqual(Array.from(before));
    // Not one member's scores: the mean logit differs from each.
    expect(Array.from(before)).not.toEqual(Array.from(scoreBlocks(loaded[0]!, inputs)));
    loaded.forEach((n) => n.dispose());
    await rm(join(out, 'weights-3.bin'));
    const err = await readScoringMembers(out, m3).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect((err as ModelError).message).toMatch(/weights-3\.bin.*missing/);
    await writeFile(join(out, 'meta.json'), JSON.stringify({ ...m3, members: 0 }));
    await expect(readMeta(out, TEST_VERSION)).rejects.toThrow(/members must be an integer/);
  });

  it('the scoring reader (tfjs-core only) gives the layers loader\'s scores bit for bit, and names a broken topology', async () => {
    const out = join(dir, 'core-only');
    await saveModel(buildNetwork(NETWORK, denseWidth(matrix.columns.length, NETWORK), 5), meta, out);
    const inputs = buildBlockInputs(matrix, meta.normalizer, NETWORK);
    const viaLayers = scoringNetwork(await readNetwork(out));
    const direct = await readScoringNetwork(out);
    expect(direct.head.map((h) => h.activation)).toEqual(viaLayers.head.map((h) => h.activation));
    expect(Array.from(scoreBlocks(direct, inputs))).toEqual(Array.from(scoreBlocks(viaLayers, inputs)));
    direct.dispose();
    viaLayers.dispose();
    const json = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
    json.weightsManifest[0].weights = json.weightsManifest[0].weights.map((w: { name: string }) => ({ ...w, name: w.name.replace('head_0', 'head_x') }));
    await writeFile(join(out, 'model.json'), JSON.stringify(json));
    const err = await readScoringNetwork(out).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect((err as ModelError).file).toBe(join(out, 'model.json'));
    expect((err as ModelError).reason).toMatch(/corrupt: weight head_0\/kernel is missing/);
  });

  it('pages stacked into one pass score as they do alone (each keeps its own neighbours)', () => {
    const net = scoringNetwork(buildNetwork(NETWORK, denseWidth(matrix.columns.length, NETWORK), 7));
    const other = makeMatrix([true, false, true], 9);
    const parts = [matrix, other].map((m) => buildBlockInputs(m, meta.normalizer, NETWORK));
    const stacked = scoreBlocks(net, stackInputs(parts));
    const alone = [...scoreBlocks(net, parts[0]!), ...scoreBlocks(net, parts[1]!)];
    expect(stacked.length).toBe(alone.length);
    for (let i = 0; i < alone.length; i++) expect(Math.abs(stacked[i]! - alone[i]!)).toBeLessThan(1e-6);
  });

  it('refuses a model of another feature-set version, naming both versions and meta.json', async () => {
    const out = join(dir, 'version');
    await saveModel(buildNetwork(NETWORK, 8, 1), meta, out);
    const err = await readMeta(out, 'fs-99').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect((err as ModelError).message).toContain(TEST_VERSION);
    expect((err as ModelError).message).toContain('fs-99');
    expect((err as ModelError).file).toBe(join(out, 'meta.json'));
  });

  it('names the missing or corrupt file', async () => {
    const out = join(dir, 'broken');
    await saveModel(buildNetwork(NETWORK, 8, 1), meta, out);
    await writeFile(join(out, 'weights.bin'), Buffer.alloc(10));
    const bad = await readNetwork(out).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ModelError);
    expect((bad as ModelError).file).toBe(join(out, 'weights.bin'));
    await writeFile(join(out, 'meta.json'), '{"format": 1, "featureSet');
    const corrupt = await readMeta(out, TEST_VERSION).catch((e: unknown) => e);
    expect((corrupt as ModelError).file).toBe(join(out, 'meta.json'));
    expect((corrupt as ModelError).reason).toMatch(/corrupt/);
    await writeFile(join(out, 'meta.json'), JSON.stringify({ ...meta, rollup: { ...meta.rollup, longBlocks: { minChars: 0, threshold: 0.9 } } }));
    const badLong = await readMeta(out, TEST_VERSION).catch((e: unknown) => e);
    expect((badLong as ModelError).reason).toMatch(/rollup\.longBlocks must be/);
    // The spam-page rule: a counting unit other than characters or blocks, or a block share over 1, is refused; a good one loads.
    const rule = { share: 0.7, minScore: 0.5, by: 'chars', blockShare: 0.4 };
    for (const wholePage of [{ ...rule, by: 'words' }, { ...rule, blockShare: 2 }]) {
      await writeFile(join(out, 'meta.json'), JSON.stringify({ ...meta, rollup: { ...meta.rollup, wholePage } }));
      const badRule = await readMeta(out, TEST_VERSION).catch((e: unknown) => e);
      expect((badRule as ModelError).reason).toMatch(/rollup\.wholePage must be/);
    }
    await writeFile(join(out, 'meta.json'), JSON.stringify({ ...meta, rollup: { ...meta.rollup, wholePage: rule } }));
    expect((await readMeta(out, TEST_VERSION)).rollup.wholePage).toEqual(rule);
    // The random-letter and link-table rules: a fractional word count or a share over 1, a cell size of 0, are refused; good ones load.
    const letters = { minWords: 2, minShare: 0.5, minScore: 0.5 };
    const cells = { minScore: 0.5, maxChars: 100 };
    for (const [key, bad, msg] of [
      ['randomLetters', { ...letters, minWords: 1.5 }, /rollup\.randomLetters must be/],
      ['randomLetters', { ...letters, minShare: 2 }, /rollup\.randomLetters must be/],
      ['tableCells', { ...cells, maxChars: 0 }, /rollup\.tableCells must be/],
    ] as const) {
      await writeFile(join(out, 'meta.json'), JSON.stringify({ ...meta, rollup: { ...meta.rollup, [key]: bad } }));
      const badRule = await readMeta(out, TEST_VERSION).catch((e: unknown) => e);
      expect((badRule as ModelError).reason).toMatch(msg);
    }
    await writeFile(join(out, 'meta.json'), JSON.stringify({ ...meta, rollup: { ...meta.rollup, randomLetters: letters, tableCells: cells } }));
    expect((await readMeta(out, TEST_VERSION)).rollup).toMatchObject({ randomLetters: letters, tableCells: cells });
    await rm(join(out, 'model.json'));
    const missing = await readNetwork(out).catch((e: unknown) => e);
    expect((missing as ModelError).file).toBe(join(out, 'model.json'));
    expect((missing as ModelError).reason).toMatch(/missing/);
  });

  it('a save that fails midway leaves the previous model folder as it was', async () => {
    const out = join(dir, 'atomic');
    await saveModel(buildNetwork(NETWORK, 8, 1), meta, out);
    const before = await Promise.all(['meta.json', 'model.json', 'weights.bin'].map((f) => readFile(join(out, f))));
    // meta.json is written last; a BigInt makes JSON.stringify throw after the weights are on disk
    const badMeta = { ...meta, seed: 10n } as unknown as ModelMeta;
    await expect(saveModel(buildNetwork(NETWORK, 8, 2), badMeta, out)).rejects.toBeInstanceOf(ModelError);
    const after = await Promise.all(['meta.json', 'model.json', 'weights.bin'].map((f) => readFile(join(out, f))));
    after.forEach((buf, i) => expect(buf.equals(before[i])).toBe(true));
    // no temp folders left behind
    expect((await readdir(dir)).filter((n) => n.includes('.tmp-') || n.includes('.old-'))).toEqual([]);
  });
});

describe('loadModel', () => {
  it('loads a model folder for synchronous block predictions and refuses other feature-set versions', async () => {
    const { loadModel } = await import('../../src/model/loaded.js');
    const { FEATURE_SET_VERSION } = await import('../../src/features/index.js');
    const out = join(dir, 'loaded');
    const model = buildNetwork(NETWORK, denseWidth(matrix.columns.length, NETWORK), 9);
    await saveModel(model, meta, out);
    const expected = scoreBlocks(scoringNetwork(model), buildBlockInputs(matrix, meta.normalizer, NETWORK));
    const loaded = await loadModel(out, { featureSetVersion: TEST_VERSION, backend: 'cpu' });
    expect(loaded.backend).toBe('cpu');
    const scores = loaded.predictBlocks(matrix);
    expect(scores).toBeInstanceOf(Float32Array);
    for (let i = 0; i < scores.length; i++) expect(Math.abs(scores[i] - expected[i])).toBeLessThan(1e-6);
    const page = loaded.rollup(scores, matrix.rows.map((r) => r[0]));
    expect(page.blockSpam).toEqual(Array.from(scores, (s) => s >= 0.5));
    expect(() => loaded.predictBlocks({ ...matrix, version: 'other' })).toThrow(ModelError);
    loaded.dispose();
    const err = await loadModel(out).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect((err as ModelError).message).toContain(`feature-set version ${TEST_VERSION}`);
    expect((err as ModelError).message).toContain(`computes version ${FEATURE_SET_VERSION}`);
  });
});
