/**
 * Q-Drop grid axes and tasks (notes `qdrop.md` §4): the six binary tasks with
 * their preprocessing, the arms, the protocols and the configuration type.
 * Private to `experiments/qdrop.ts`.
 *
 * @module
 */

import type { Impl } from "../lib/runtime/mod.ts";
import {
  applyPca,
  centerCrop,
  type FeatureSet,
  filterClasses,
  fitPca,
  flatten,
  type ImageSet,
  loadDataset,
  relabel,
  resizeBilinear,
  sliceSamples,
  toFloat32,
} from "../lib/data/mod.ts";

/** A binary task of the notebooks (notes §4). */
interface QdropTask {
  /** Title on the report page. */
  title: string;
  /** Registry dataset. */
  source: "mnist" | "fashion-mnist" | "pneumoniamnist" | "retinamnist";
  /** Original classes kept; class `classes[i]` becomes label i (before `relabel`). */
  classes: number[];
  /** Label map applied after filtering (Retina grade 0 vs rest). */
  relabel?: number[];
  /** The first N filtered train / test samples, or all. */
  nTrain?: number;
  /** As `nTrain`, for test. */
  nTest?: number;
  /** `"4x4"`: /255, central crop 24/28, bilinear resize to 4×4; `"pca6"`: /255, flatten, PCA-6 fit on train. */
  features: "4x4" | "pca6";
}

/** The six binary tasks and their preprocessing (notes §4, §1.8). */
export const QDROP_TASKS = {
  mnist36: {
    title: "MNIST 3 vs 6",
    source: "mnist",
    classes: [3, 6],
    nTrain: 500,
    nTest: 300,
    features: "4x4",
  },
  mnist01: {
    title: "MNIST 0 vs 1",
    source: "mnist",
    classes: [1, 0],
    features: "4x4",
  },
  fashion03: {
    title: "Fashion-MNIST T-shirt vs Dress",
    source: "fashion-mnist",
    classes: [3, 0],
    nTrain: 500,
    nTest: 300,
    features: "4x4",
  },
  fashion01: {
    title: "Fashion-MNIST T-shirt vs Trouser",
    source: "fashion-mnist",
    classes: [1, 0],
    features: "4x4",
  },
  pneumonia: {
    title: "PneumoniaMNIST normal vs pneumonia",
    source: "pneumoniamnist",
    classes: [0, 1],
    features: "pca6",
  },
  retina: {
    title: "RetinaMNIST grade 0 vs rest",
    source: "retinamnist",
    classes: [0, 1, 2, 3, 4],
    relabel: [0, 1, 1, 1, 1],
    features: "pca6",
  },
} as const satisfies Record<string, QdropTask>;
/** A task name. */
export type QdropTaskName = keyof typeof QDROP_TASKS;

/** Train, test and (paper impl) validation features of one task. */
export type TaskSets = {
  train: FeatureSet;
  test: FeatureSet;
  val?: FeatureSet;
};

/**
 * Load and preprocess one task. `code` mirrors the notebooks (validation = test,
 * so only test is kept); `paper` holds out validation data for model selection:
 * the official split (MedMNIST), filtered train 500…799 (500-sample tasks), or
 * the last 10% of filtered train.
 *
 * @param name Task name.
 * @param options `impl`, `trainCap` (0 = none) and `dataDir`.
 * @returns The feature sets, labels 0/1.
 * @throws {DatasetError} If the dataset is missing from `dataDir` or malformed.
 *
 * @example MNIST 3 vs 6 as 16 features
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadQdropTask } from "./_qdrop_grid.ts";
 * const { train, test, val } = await loadQdropTask("mnist36", { impl: "code" });
 * assert.deepEqual([train.shape, test.shape, val], [[500, 16], [300, 16], undefined]);
 * ```
 */
export async function loadQdropTask(
  name: QdropTaskName,
  { impl, trainCap = 0, dataDir = "data" }: {
    impl: Impl;
    trainCap?: number;
    dataDir?: string;
  },
): Promise<TaskSets> {
  const task: QdropTask = QDROP_TASKS[name];
  const load = async (split: "train" | "val" | "test") => {
    const set = filterClasses(
      await loadDataset(task.source, { split, dataDir }),
      task.classes,
    );
    return task.relabel ? relabel(set, task.relabel) : set;
  };
  const fullTrain = await load("train");
  const nFull = fullTrain.shape[0];
  const medical = task.features === "pca6";
  const nTrain = task.nTrain ??
    (impl === "paper" && !medical ? Math.floor(nFull * 0.9) : nFull);
  const train: ImageSet = sliceSamples(fullTrain, {
    end: trainCap > 0 ? Math.min(trainCap, nTrain) : nTrain,
  });
  const test = sliceSamples(await load("test"), { end: task.nTest });
  const val = impl === "code"
    ? undefined
    : medical
    ? await load("val")
    : sliceSamples(fullTrain, {
      start: nTrain,
      end: task.nTrain ? nTrain + 300 : nFull,
    });
  let features: (set: ImageSet) => FeatureSet;
  if (task.features === "4x4") {
    features = (set) =>
      flatten(
        resizeBilinear(
          centerCrop(toFloat32(set), { fraction: 24 / 28 }),
          { size: [4, 4] },
        ),
      );
  } else {
    const pca = fitPca(
      flatten( // fitted on the (capped) training split only
        toFloat32(train),
      ),
      { nComponents: 6 },
    );
    features = (set) => applyPca(pca, flatten(toFloat32(set)));
  }
  return {
    train: features(train),
    test: features(test),
    ...(val ? { val: features(val) } : {}),
  };
}

/** Arms of the comparison (issue 5). */
export const ARMS = [
  "baseline",
  "pruning",
  "dropout",
  "pruning+dropout",
] as const;
/** An arm. */
export type Arm = typeof ARMS[number];
/** `figure`: each arm as in the paper-figure notebooks (§5.1); `fair`: shared settings. */
export const PROTOCOLS = ["figure", "fair"] as const;
/** A protocol. */
export type Protocol = typeof PROTOCOLS[number];

/** The experiment's configuration. */
export interface QdropConfig {
  /** Binary tasks (notes §4). */
  datasets: QdropTaskName[];
  /** Arms compared. */
  arms: Arm[];
  /** Protocols run. */
  protocols: Protocol[];
  /** Seeds per cell. */
  nSeeds: number;
  /** Epochs of the figure protocol. */
  epochsFigure: number;
  /** Epochs of the fair protocol. */
  epochsFair: number;
  /** Cap on training samples per task (smoke only), or 0 for none. */
  trainCap: number;
}
