/**
 * Check line of issue 3: LeNet5 trained for one epoch on real MNIST reaches at
 * least 97 % test accuracy. Too slow for the test suite (20–60 s on two
 * shared cores), so it runs with `deno task bench`.
 *
 * Configuration: the KD teacher LeNet5 (tanh, average pooling, notes `kd.md`
 * §1) with 10 classes, Adam (PyTorch form) η = 3e-3, batch 128, seed 0, inputs
 * standardised with MNIST's mean 0.1307 and std 0.3081 (the PyTorch MNIST
 * example's constants). The KD notebooks' own setting (inputs in [0, 1],
 * η = 1e-3) trains slower and stays below 97 % after one epoch.
 *
 * @module
 */

import { createRng, initBackend } from "../../../lib/runtime/mod.ts";
import { type ImageSet, loadDataset } from "../../../lib/data/mod.ts";
import { lenet5 } from "../../../lib/models/mod.ts";
import {
  adam,
  evaluate,
  fit,
  type LabeledImages,
} from "../../../lib/training/mod.ts";

const THRESHOLD = 0.97;
const MEAN = 0.1307;
const STD = 0.3081;

function standardise(set: ImageSet): LabeledImages {
  const images = new Float32Array(set.images.length);
  for (let i = 0; i < images.length; i++) {
    images[i] = (set.images[i] / 255 - MEAN) / STD;
  }
  return { images, shape: set.shape, labels: set.labels };
}

/**
 * Trains LeNet5 for one MNIST epoch on wasm and reports the check line.
 *
 * @returns One row: test accuracy, threshold and pass, or why it was skipped.
 */
export async function benchMnistEpoch(): Promise<Record<string, unknown>[]> {
  const check = "lenet5_mnist_1_epoch_test_accuracy";
  let train: ImageSet, test: ImageSet;
  try {
    train = await loadDataset("mnist", { split: "train" });
    test = await loadDataset("mnist", { split: "test" });
  } catch (e) {
    return [{ check, skipped: (e as Error).message }];
  }
  await initBackend("wasm");
  const rng = createRng(0);
  const model = lenet5({ nClasses: 10, rng: rng.fork("init") });
  const result = await fit(model, standardise(train), {
    epochs: 1,
    batchSize: 128,
    optimizer: adam({ learningRate: 3e-3 }),
    rng: rng.fork("data"),
    progressLabel: null,
  });
  const { accuracy } = await evaluate(model, standardise(test));
  return [{
    check,
    backend: "wasm",
    test_accuracy: accuracy,
    threshold: THRESHOLD,
    pass: accuracy >= THRESHOLD,
    train_images_per_s: Math.round(result.history[0].train_images_per_s),
  }];
}

if (import.meta.main) {
  for (const row of await benchMnistEpoch()) console.log(JSON.stringify(row));
}
