import { mkdtemp, rm } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelError } from '../../src/errors.js';
import { currentBackend, selectBackend, tf } from '../../src/model/backend.js';
import { buildBlockInputs, denseWidth } from '../../src/model/inputs.js';
import { readScoringNetwork, saveModel } from '../../src/model/io.js';
import { buildNetwork, scoreBlocks } from '../../src/model/network.js';
import { makeMatrix, makeMeta, NETWORK } from './helpers.js';

let dir = '';
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

let nodeLoads = false;
try {
  await import('@tensorflow/tfjs-node' as string);
  nodeLoads = true;
} catch {
  nodeLoads = false;
}

describe('backend selection', () => {
  it('falls back from tfjs-node to wasm or cpu and names the one in use', async () => {
    const chosen = await selectBackend();
    expect(currentBackend()).toBe(chosen);
    if (nodeLoads) expect(chosen).toBe('node');
    else expect(['wasm', 'cpu']).toContain(chosen);
    expect(tf.getBackend()).toBe(chosen === 'node' ? 'tensorflow' : chosen);
  });

  it.skipIf(nodeLoads)('asking for tfjs-node when it cannot load is a ModelError', async () => {
    await expect(selectBackend('node')).rejects.toBeInstanceOf(ModelError);
  });

  it('the same saved model scores within 1e-4 on wasm and cpu', async () => {
    const matrix = makeMatrix(Array.from({ length: 50 }, (_, i) => i % 7 === 3), 11);
    const meta = makeMeta(matrix.rows);
    dir = await mkdtemp(join(tmpdir(), 'seospam-backend-'));
    await selectBackend('cpu');
    await saveModel(buildNetwork(NETWORK, denseWidth(matrix.columns.length, NETWORK), 5), meta, join(dir, 'm'));
    const scoreOn = async (name: 'cpu' | 'wasm') => {
      expect(await selectBackend(name)).toBe(name);
      // As loadModel reads it for scoring: tfjs-core only, no layers model.
      const net = await readScoringNetwork(join(dir, 'm'));
      const s = scoreBlocks(net, buildBlockInputs(matrix, meta.normalizer, NETWORK));
      net.dispose();
      return s;
    };
    const cpu = await scoreOn('cpu');
    const wasm = await scoreOn('wasm');
    expect(wasm.length).toBe(50);
    for (let i = 0; i < cpu.length; i++) expect(Math.abs(cpu[i] - wasm[i])).toBeLessThan(1e-4);
  });
});

describe('what scoring loads', () => {
  const dist = join(process.cwd(), 'dist/scorer/index.js');
  it.skipIf(!existsSync(dist) || !existsSync(join(process.cwd(), 'models/default/meta.json')))('scores without importing tfjs-layers (only training and saving need it)', () => {
    const script = `
      import { createRequire } from 'node:module';
      const { loadScorer } = await import(${JSON.stringify(pathToFileURL(dist).href)});
      const scorer = await loadScorer();
      const r = scorer.scoreText('宜宾网络公司选择9火星下拉 酒泉网络公司优选12火星');
      const cache = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify({ blocks: r.blocks.length, layers: cache.some((k) => k.includes('tfjs-layers')), core: cache.some((k) => k.includes('tfjs-core')) }));`;
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout.trim().split('\n').pop()!)).toEqual({ blocks: 1, layers: false, core: true });
  });
});
