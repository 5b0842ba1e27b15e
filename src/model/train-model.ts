/** `seospam train`'s engine: load corpora, train, save the model folder only when training finished. */
import { basename } from 'node:path';
import { DEFAULT_TOKENIZER, FEATURE_SET_VERSION } from '../features/index.js';
import { currentBackend, selectBackend, type BackendName } from './backend.js';
import { corpusFingerprint, loadPages } from './dataset.js';
import { saveModel } from './io.js';
import type { ModelMeta } from './meta.js';
import { DEFAULT_TRAIN, TrainingInterrupted, trainOnPages, type TrainHooks, type TrainSettings } from './train.js';

export interface TrainOptions {
  data: string[];
  out: string;
  settings?: Partial<TrainSettings>;
  backend?: BackendName;
}

/** Loads the corpora, trains, and saves the model folder (atomically, only when training finished). */
export async function trainModel(options: TrainOptions, hooks: TrainHooks = {}): Promise<ModelMeta> {
  const settings = { ...DEFAULT_TRAIN, ...options.settings };
  await selectBackend(options.backend);
  const tokenizer = DEFAULT_TOKENIZER;
  const train = await loadPages(options.data, 'train', tokenizer);
  const dev = await loadPages(options.data, 'dev', tokenizer);
  for (const e of [...train.errors, ...dev.errors]) hooks.log?.(`skipped ${e}`);
  hooks.log?.(
    `train: ${train.pages.length} pages (${train.pages.filter((p) => p.synthetic).length} synthetic); dev: ${dev.pages.length} pages (${dev.pages.filter((p) => p.synthetic).length} synthetic); feature set ${FEATURE_SET_VERSION}; backend ${currentBackend()}`,
  );
  const fingerprint = await corpusFingerprint(options.data, train.pages);
  const trained = await trainOnPages(train.pages, dev.pages, settings, {
    name: basename(options.out),
    corpora: options.data.map((d) => basename(d)),
    fingerprint,
  }, hooks);
  if (hooks.shouldStop?.()) throw new TrainingInterrupted();
  await saveModel(trained.models, trained.meta, options.out);
  trained.models.forEach((m) => m.dispose());
  return trained.meta;
}
