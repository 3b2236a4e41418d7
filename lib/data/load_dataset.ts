/**
 * Load one split of a registered dataset from `data/` into a typed-array
 * {@linkcode ImageSet}, checking the file structure against the registry.
 *
 * @module
 */

import { join } from "node:path";
import { readIfExists } from "./_bytes.ts";
import { decodeCifar10Batch } from "./cifar10_batch.ts";
import { DatasetError } from "./dataset_error.ts";
import { decodeIdx } from "./idx.ts";
import { decodeNpz, type NpyArray } from "./npy.ts";
import {
  type DatasetSpec,
  datasetSpec,
  fetchCommand,
  type SplitName,
} from "./registry.ts";
import type { ImageSet } from "./sample_set.ts";

/** Options of {@linkcode loadDataset}. */
export interface LoadDatasetOptions {
  /** Which split. @default {"train"} */
  split?: SplitName;
  /** Folder holding the datasets. @default {"data"} */
  dataDir?: string;
}

async function readDatasetFile(
  spec: DatasetSpec,
  file: string,
  dataDir: string,
): Promise<[Uint8Array, string]> {
  const path = join(dataDir, spec.dir, file);
  const bytes = await readIfExists(path);
  if (bytes === undefined) {
    throw new DatasetError(
      `Dataset "${spec.name}" is missing: "${path}" does not exist; run "${
        fetchCommand(spec.name)
      }"`,
    );
  }
  return [bytes, path];
}

function checkShape(
  path: string,
  got: readonly number[],
  expected: readonly number[],
): void {
  if (
    got.length !== expected.length || got.some((d, i) => d !== expected[i])
  ) {
    throw new DatasetError(
      `Cannot read "${path}": expected shape ${expected.join("×")}, got ${
        got.join("×")
      }`,
    );
  }
}

function checkLabels(path: string, labels: Uint8Array, nClasses: number) {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= nClasses) {
      throw new DatasetError(
        `Cannot read "${path}": expected labels 0–${nClasses - 1}, got ${
          labels[i]
        } at index ${i}`,
      );
    }
  }
}

async function loadIdx(
  spec: DatasetSpec,
  split: SplitName,
  dataDir: string,
): Promise<ImageSet> {
  const [imagesFile, labelsFile] = split === "train"
    ? [spec.files[0], spec.files[1]]
    : [spec.files[2], spec.files[3]];
  const n = spec.splits[split]!;
  const [h, w, c] = spec.imageShape;
  const [imgBytes, imgPath] = await readDatasetFile(
    spec,
    imagesFile.file,
    dataDir,
  );
  const images = decodeIdx(imgBytes, { file: imgPath, magic: 2051 });
  checkShape(imgPath, images.dims, [n, h, w]);
  const [labBytes, labPath] = await readDatasetFile(
    spec,
    labelsFile.file,
    dataDir,
  );
  const labels = decodeIdx(labBytes, { file: labPath, magic: 2049 });
  checkShape(labPath, labels.dims, [n]);
  checkLabels(labPath, labels.data, spec.classNames.length);
  return { images: images.data, shape: [n, h, w, c], labels: labels.data };
}

async function loadCifar(
  spec: DatasetSpec,
  split: SplitName,
  dataDir: string,
): Promise<ImageSet> {
  const files = split === "train" ? spec.files.slice(0, 5) : [spec.files[5]];
  const n = spec.splits[split]!;
  const per = n / files.length;
  const images = new Uint8Array(n * 32 * 32 * 3);
  const labels = new Uint8Array(n);
  for (let b = 0; b < files.length; b++) {
    const [bytes, path] = await readDatasetFile(spec, files[b].file, dataDir);
    const batch = decodeCifar10Batch(bytes, { file: path });
    checkShape(path, batch.shape, [per, 32, 32, 3]);
    images.set(batch.images, b * per * 32 * 32 * 3);
    labels.set(batch.labels, b * per);
  }
  return { images, shape: [n, 32, 32, 3], labels };
}

async function loadMedmnist(
  spec: DatasetSpec,
  split: SplitName,
  dataDir: string,
): Promise<ImageSet> {
  const [bytes, path] = await readDatasetFile(
    spec,
    spec.files[0].file,
    dataDir,
  );
  const arrays = decodeNpz(bytes, { file: path });
  const n = spec.splits[split]!;
  const [h, w, c] = spec.imageShape;
  const get = (key: string): NpyArray => {
    const arr = arrays[key];
    if (arr === undefined) {
      throw new DatasetError(
        `Cannot read "${path}": expected an array "${key}", got keys ${
          Object.keys(arrays).join(", ") || "none"
        }`,
      );
    }
    return arr;
  };
  const images = get(`${split}_images`);
  checkShape(
    `${path}:${split}_images`,
    images.shape,
    c === 1 ? [n, h, w] : [
      n,
      h,
      w,
      c,
    ],
  );
  const labels = get(`${split}_labels`);
  checkShape(`${path}:${split}_labels`, labels.shape, [n, 1]);
  checkLabels(`${path}:${split}_labels`, labels.data, spec.classNames.length);
  return { images: images.data, shape: [n, h, w, c], labels: labels.data };
}

/**
 * Load one split of a dataset from `data/` (see `deno task data:fetch`).
 * Structure is checked (magic numbers, lengths, shapes, label range); the
 * payload checksums are checked when the files are fetched, not on every load.
 *
 * @param name A registry name: `mnist`, `fashion-mnist`, `cifar-10`,
 * `pneumoniamnist` or `retinamnist`.
 * @param options Split and data folder.
 * @returns Images `[N, H, W, C]` as uint8 and their labels.
 * @throws {UsageError} For an unknown name.
 * @throws {DatasetError} If the dataset lacks the split, or a file is missing
 * (naming the fetch command), corrupt, truncated, or has the wrong magic
 * number or shape.
 *
 * @example A missing dataset names the command that fetches it
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadDataset } from "./load_dataset.ts";
 * await assert.rejects(
 *   loadDataset("mnist", { dataDir: "/nonexistent" }),
 *   /Dataset "mnist" is missing: .*run "deno task data:fetch mnist"/,
 * );
 * ```
 */
export async function loadDataset(
  name: string,
  options: LoadDatasetOptions = {},
): Promise<ImageSet> {
  const { split = "train", dataDir = "data" } = options;
  const spec = datasetSpec(name);
  if (spec.splits[split] === undefined) {
    throw new DatasetError(
      `Dataset "${name}" has no split "${split}": expected one of ${
        Object.keys(spec.splits).join(", ")
      }`,
    );
  }
  switch (spec.format) {
    case "idx":
      return await loadIdx(spec, split, dataDir);
    case "cifar10":
      return await loadCifar(spec, split, dataDir);
    case "npz":
      return await loadMedmnist(spec, split, dataDir);
  }
}
