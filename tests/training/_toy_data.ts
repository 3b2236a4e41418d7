/**
 * A small, separable image task for training tests: 28×28 bytes whose class
 * (0, 1, 2) is the horizontal band holding a bright bar, plus seeded noise.
 *
 * @module
 */

import { createRng } from "../../lib/runtime/mod.ts";
import type { LabeledImages } from "../../lib/training/mod.ts";

/**
 * Builds `n` toy images.
 *
 * @param n Number of images.
 * @param seed Noise and label stream.
 * @returns Bytes `[n, 28, 28, 1]` and labels.
 */
export function bandImages(n: number, seed: number): LabeledImages {
  const rng = createRng(seed);
  const images = new Uint8Array(n * 784);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const label = rng.int(3);
    labels[i] = label;
    const row0 = 3 + label * 8 + rng.int(3);
    for (let k = 0; k < 784; k++) images[i * 784 + k] = rng.int(60);
    for (let r = row0; r < row0 + 3; r++) {
      for (let c = 4; c < 24; c++) {
        images[i * 784 + r * 28 + c] = 200 + rng.int(56);
      }
    }
  }
  return { images, shape: [n, 28, 28, 1], labels };
}
