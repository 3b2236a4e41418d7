/**
 * Datasets and preprocessing: the registry of the five datasets with their
 * payload checksums, fetching (download or mirror import, verified, atomic),
 * typed-array loaders for IDX, CIFAR-10 binary and MedMNIST `.npz`, and the
 * transforms the papers need (class filtering, seeded subsampling, scaling,
 * centre crop, TensorFlow-style bilinear resize, pooling, flatten, PCA,
 * per-channel normalisation).
 *
 * @example The qdrop MNIST pipeline on a tiny synthetic batch
 * ```ts
 * import assert from "node:assert/strict";
 * import { centerCrop, filterClasses, resizeBilinear, toFloat32 } from "./mod.ts";
 * const set = { images: new Uint8Array(3 * 28 * 28).fill(255), shape: [3, 28, 28, 1] as [number, number, number, number], labels: new Uint8Array([3, 5, 6]) };
 * const x = resizeBilinear(centerCrop(toFloat32(filterClasses(set, [3, 6])), { fraction: 24 / 28 }), { size: [4, 4] });
 * assert.deepEqual(x.shape, [2, 4, 4, 1]);
 * assert.deepEqual([...x.labels], [0, 1]);
 * assert.equal(x.images[0], 1);
 * ```
 *
 * @module
 */

export * from "./dataset_error.ts";
export * from "./sample_set.ts";
export * from "./registry.ts";
export * from "./idx.ts";
export * from "./cifar10_batch.ts";
export * from "./npy.ts";
export * from "./load_dataset.ts";
export * from "./fetch_dataset.ts";
export * from "./ensure_datasets.ts";
export * from "./select_samples.ts";
export * from "./filter_classes.ts";
export * from "./relabel.ts";
export * from "./subsample.ts";
export * from "./to_float32.ts";
export * from "./center_crop.ts";
export * from "./resize_bilinear.ts";
export * from "./pool.ts";
export * from "./flatten.ts";
export * from "./normalize_channels.ts";
export * from "./pca.ts";
