import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../src/model/loaded.js';
import { trainModel } from '../../src/model/train-model.js';
import { recipeOf } from '../../src/model/train.js';
import { fixtures } from '../data/helpers.js';
import { NETWORK } from './helpers.js';

const out = mkdtempSync(path.join(tmpdir(), 'seospam-train-cv-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('train --cv', () => {
  it('trains on every real page of both splits, chooses its rollup on held-out scores and records its recipe', async () => {
    const dir = path.join(out, 'm');
    const settings = { epochs: 2, members: 1, jobs: 1, minNegatives: 50, network: NETWORK, seed: 3 };
    const meta = await trainModel({ data: [path.join(fixtures, 'corpus')], out: dir, settings, backend: 'cpu', crossValidation: 2 });
    const labels = readFileSync(path.join(fixtures, 'corpus', 'labels.jsonl'), 'utf8').trim().split('\n');
    // Both splits trained the model, and each page was scored held out once; two records label one file, so one group fewer.
    expect(meta.calibratedOn).toEqual({ crossValidation: 2, pages: labels.length, groups: labels.length - 1 });
    expect(meta.dev?.pages).toBe(labels.length);
    expect(meta.training).toMatchObject({ epochs: 2, members: 1, seed: 3 });
    expect(meta.training).not.toHaveProperty('jobs');
    // The recipe reads back as the settings `eval --cv` retrains by.
    const loaded = await loadModel(dir);
    expect(recipeOf(loaded.meta)).toMatchObject({ epochs: 2, minNegatives: 50, seed: 3 });
    loaded.dispose();
  });
});
