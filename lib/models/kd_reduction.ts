/**
 * The dimensionality-reduction front ends of the v2 KD students (Hasan & Mahdy,
 * arXiv 2311.13810 v2, Fig. 11; research notes `kd.md` §4): image → F = 2^Q
 * features, F = 16 for 4 qubits and 256 for 8.
 *
 * - `"fc"`: flatten; the trainable D → F layer lives in the student ({@linkcode kdStudentV2}).
 * - `"avg_pool"`, `"max_pool"`: a √F × √F grid of regions with PyTorch's
 *   adaptive bins [⌊iH/n⌋, ⌈(i+1)H/n⌉) (4×4 blocks of 7×7 on 28×28; overlapping
 *   bins for 16×16 on 28×28).
 * - `"center_crop"`: the central √F × √F patch (rows and columns 12–15 of 28
 *   for 4 qubits, 6–21 for 8).
 * - `"pca"`: F principal components fitted on the training split only.
 *
 * Pixels are scaled to [0, 1]. Assumption (colour handling is not stated, notes
 * §4): colour images are converted to grey, Y = 0.299R + 0.587G + 0.114B, first.
 *
 * @module
 */

import {
  applyPca,
  avgPool,
  centerCrop,
  fitPca,
  flatten,
  type ImageSet,
  maxPool,
  type PixelArray,
  toFloat32,
} from "../data/mod.ts";

/** Reduction front ends of the v2 ablation (Fig. 11–12). */
export type KdReductionMethod =
  | "fc"
  | "avg_pool"
  | "max_pool"
  | "center_crop"
  | "pca";

/** All reduction methods, in the order of Fig. 12. */
export const KD_REDUCTION_METHODS: readonly KdReductionMethod[] = [
  "fc",
  "avg_pool",
  "max_pool",
  "center_crop",
  "pca",
];

/** Options of {@linkcode kdReduce}. */
export interface KdReduceOptions {
  /** The reduction front end. */
  method: KdReductionMethod;
  /** Number of qubits Q; F = 2^Q features (Q even for the square grids). */
  nQubits: number;
}

/** Reduced training and test sets. */
export interface KdReduced {
  /** Training set: `[N, √F, √F, 1]` (grids), `[N, 1, 1, F]` (PCA) or `[N, H, W, 1]` (fc). */
  train: ImageSet<Float32Array>;
  /** Test set, reduced with the training split's fit (PCA). */
  test: ImageSet<Float32Array>;
}

/**
 * Reduces a training and a test split to 2^Q features per image (fc: to the
 * grey [0, 1] image, which the student's FC layer reduces).
 *
 * @param train Training images (bytes or floats in [0, 255]).
 * @param test Test images, same geometry.
 * @param options Method and qubit count.
 * @returns The reduced splits.
 * @throws {RangeError} If a grid method is asked for an odd Q, or the images are too small.
 *
 * @example Centre crop for 4 qubits keeps rows and columns 12–15 of 28
 * ```ts
 * import assert from "node:assert/strict";
 * import { kdReduce } from "./kd_reduction.ts";
 * const images = Uint8Array.from({ length: 784 }, (_, i) => (Math.floor(i / 28) === 12 && i % 28 === 12 ? 255 : 0));
 * const set = { images, shape: [1, 28, 28, 1] as [number, number, number, number], labels: new Uint8Array(1) };
 * const { train } = kdReduce(set, set, { method: "center_crop", nQubits: 4 });
 * assert.deepEqual(train.shape, [1, 4, 4, 1]);
 * assert.equal(train.images[0], 1);
 * ```
 */
export function kdReduce(
  train: ImageSet<PixelArray>,
  test: ImageSet<PixelArray>,
  options: KdReduceOptions,
): KdReduced {
  const { method, nQubits } = options;
  const nFeatures = 2 ** nQubits;
  const side = Math.round(Math.sqrt(nFeatures));
  const grey = (set: ImageSet<PixelArray>) => toGrey(toFloat32(set));
  const [a, b] = [grey(train), grey(test)];
  if (method === "fc") return { train: a, test: b };
  if (method === "pca") {
    const pca = fitPca(flatten(a), { nComponents: nFeatures });
    const asImages = (set: ImageSet<Float32Array>): ImageSet<Float32Array> => {
      const z = applyPca(pca, flatten(set));
      return {
        images: z.features,
        shape: [z.shape[0], 1, 1, nFeatures],
        labels: z.labels,
      };
    };
    return { train: asImages(a), test: asImages(b) };
  }
  if (side * side !== nFeatures || side > a.shape[1] || side > a.shape[2]) {
    throw new RangeError(
      `Cannot reduce ${a.shape[1]}×${
        a.shape[2]
      } images with ${method}: expected an even qubit count with a square grid inside the image, got ${nQubits} qubits`,
    );
  }
  const size: [number, number] = [side, side];
  const apply = method === "avg_pool"
    ? (s: ImageSet<Float32Array>) => avgPool(s, { size })
    : method === "max_pool"
    ? (s: ImageSet<Float32Array>) => maxPool(s, { size })
    : (s: ImageSet<Float32Array>) => centerCrop(s, { size });
  return { train: apply(a), test: apply(b) };
}

/** Luma Y = 0.299R + 0.587G + 0.114B (ITU-R BT.601) of colour images; grey images pass through. */
function toGrey(set: ImageSet<Float32Array>): ImageSet<Float32Array> {
  const [n, h, w, c] = set.shape;
  if (c === 1) return set;
  const images = new Float32Array(n * h * w);
  const src = set.images;
  for (let p = 0; p < images.length; p++) {
    images[p] = 0.299 * src[p * c] + 0.587 * src[p * c + 1] +
      0.114 * src[p * c + 2];
  }
  return { images, shape: [n, h, w, 1], labels: set.labels };
}
