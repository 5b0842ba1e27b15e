import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const fixtures = resolve(repoRoot, 'test/fixtures/data');
export const shared = resolve(repoRoot, '../shared');
export const sharedCorpus = resolve(shared, 'corpus');
export const sharedMaterial = resolve(shared, 'spam-material');
export const hasShared = existsSync(resolve(sharedCorpus, 'labels.jsonl')) && existsSync(sharedMaterial);
if (!hasShared) console.warn(`skipping tests that need ${shared}: not present`);
