/**
 * KD grid axes, configuration type, cell ids and data preparation (research
 * notes `kd.md` §1, §2.1, §4, §5). Private to `experiments/kd.ts`.
 *
 * @module
 */

import type { Impl, Profile } from "../lib/runtime/mod.ts";
import {
  filterClasses,
  type ImageSet,
  loadDataset,
  selectSamples,
  sliceSamples,
} from "../lib/data/mod.ts";
import type { KdReductionMethod } from "../lib/models/mod.ts";

/** Registry datasets of the grid. */
export type KdDataset = "mnist" | "fashion-mnist" | "cifar-10";

/** Short dataset names used in cell and claim ids. */
export const SHORT: Record<KdDataset, string> = {
  "mnist": "mnist",
  "fashion-mnist": "fashion",
  "cifar-10": "cifar10",
};

/** A v1 student configuration of notes §5.2: classes 0…C−1, Q qubits, shots. */
export interface V1Task {
  /** Number of classes C (6 or 8). */
  nClasses: number;
  /** Qubits Q (3 or 4). */
  nQubits: number;
  /** Shots per circuit in the notebooks. */
  shots: number;
}

/** Teacher architectures (notes §1). */
export type TeacherArch = "lenet" | "alexnet" | "ensemble";

/** v1 arms: the baseline student and one KD student per teacher. */
export type V1Arm = "baseline" | `kd-${TeacherArch}`;

/** v2 student variants of Fig. 12: a reduction with amplitude encoding, or FC with angle encoding. */
export type V2Method = `${KdReductionMethod}-amplitude` | "fc-angle";

/** Everything a run needs; profiles override parts of it. */
export interface KdConfig {
  /** Seeds per cell. */
  nSeeds: number;
  /** Implementation readings run when `--impl` is absent. */
  impls: Impl[];
  /** v1 datasets. */
  v1Datasets: KdDataset[];
  /** v1 configurations. */
  v1Tasks: V1Task[];
  /** v1 arms. */
  v1Arms: V1Arm[];
  /** Images per class, first in file order, for `code` students (train and test). */
  v1PerClass: number;
  /** Cap on images per class for `paper` students (0: the full class subsets). */
  v1PaperPerClass: number;
  /** Student epochs. */
  v1Epochs: number;
  /** Student batch size. */
  v1BatchSize: number;
  /** Student Adam learning rate. */
  v1Lr: number;
  /** Teacher epochs per architecture. */
  teacherEpochs: Record<TeacherArch, number>;
  /** Teacher training images (first N of the class subset; 0: all). */
  teacherTrainImages: Record<TeacherArch, number>;
  /** Teacher batch size per architecture (the v2 LeNet5 teacher uses `lenet`'s). */
  teacherBatchSize: Record<TeacherArch, number>;
  /** Teacher test images (first N of the class subset's test split; 0: all). */
  teacherTestImages: Record<TeacherArch, number>;
  /** Architectures whose teacher for a smaller class set is the largest set's teacher, read through its first C logits. */
  teacherShareClasses: TeacherArch[];
  /** Teacher Adam learning rate. */
  teacherLr: number;
  /** Distillation temperature T. */
  temperature: number;
  /** Distillation weight α. */
  alpha: number;
  /** v2 datasets. */
  v2Datasets: KdDataset[];
  /** v2 qubit counts. */
  v2Qubits: number[];
  /** v2 student variants. */
  v2Methods: V2Method[];
  /** With and/or without distillation. */
  v2Kd: boolean[];
  /** v2 training images (first N; 0: all). */
  v2TrainImages: number;
  /** v2 test images (first N; 0: all). */
  v2TestImages: number;
  /** v2 student epochs. */
  v2Epochs: number;
  /** v2 batch size. */
  v2BatchSize: number;
  /** v2 Adam learning rate. */
  v2Lr: number;
  /** v2 teacher (LeNet5, 10 classes) epochs. */
  v2TeacherEpochs: number;
  /** v2 teacher training images (0: all). */
  v2TeacherTrainImages: number;
}

/** One v1 student cell. */
export interface V1Cell {
  /** Discriminant. */
  part: "v1";
  /** Run profile. */
  profile: Profile;
  /** Dataset. */
  dataset: KdDataset;
  /** Classes, qubits and shots. */
  task: V1Task;
  /** Baseline or KD from one teacher. */
  arm: V1Arm;
  /** Implementation reading. */
  impl: Impl;
  /** Seed of the student's init, order, dropout and shots. */
  seed: number;
}

/** One v2 student cell. */
export interface V2Cell {
  /** Discriminant. */
  part: "v2";
  /** Run profile. */
  profile: Profile;
  /** Dataset (10 classes). */
  dataset: KdDataset;
  /** Qubits Q (4 or 8). */
  nQubits: number;
  /** Reduction and encoding. */
  method: V2Method;
  /** Whether the LeNet5 teacher distils into the student. */
  kd: boolean;
  /** Implementation reading (the KD loss form). */
  impl: Impl;
  /** Seed of the student's init and order. */
  seed: number;
}

/**
 * Task key of a v1 configuration, as in the claim ids: `"mnist-0-5-3q"`.
 *
 * @param dataset The dataset.
 * @param task Classes and qubits.
 * @returns The key.
 */
export function v1Key(dataset: KdDataset, task: V1Task): string {
  return `${SHORT[dataset]}-0-${task.nClasses - 1}-${task.nQubits}q`;
}

/**
 * Id of a cell: profile, part, coordinates, impl and seed.
 *
 * @param c The cell.
 * @returns A file-safe id.
 */
export function cellId(c: V1Cell | V2Cell): string {
  const where = c.part === "v1"
    ? `${v1Key(c.dataset, c.task)}-${c.arm}`
    : `${SHORT[c.dataset]}-${c.nQubits}q-${c.method}-${c.kd ? "kd" : "nokd"}`;
  return `${c.profile}-${c.part}-${where}-${c.impl}-s${c.seed}`;
}

/**
 * The first `perClass` images of each class, in file order (notes §2.1: the
 * notebooks take the first 150 per class of each split).
 *
 * @param set Images labelled 0…C−1.
 * @param perClass Images per class (0 keeps all).
 * @returns A new set in file order.
 */
export function firstPerClass(set: ImageSet, perClass: number): ImageSet {
  if (perClass === 0) return set;
  const taken = new Map<number, number>();
  const indices: number[] = [];
  for (let i = 0; i < set.labels.length; i++) {
    const k = taken.get(set.labels[i]) ?? 0;
    if (k < perClass) indices.push(i);
    taken.set(set.labels[i], k + 1);
  }
  return selectSamples(set, indices);
}

/** Loaded splits, cached per dataset. */
export class SplitCache {
  #sets = new Map<string, ImageSet>();

  /**
   * A split restricted to classes 0…C−1 (all classes when C is 10).
   *
   * @param dataset The dataset.
   * @param options Split and class count.
   * @returns The images.
   */
  async get(
    dataset: KdDataset,
    options: { split: "train" | "test"; nClasses: number },
  ): Promise<ImageSet> {
    const key = `${dataset}-${options.split}`;
    if (!this.#sets.has(key)) {
      this.#sets.set(key, await loadDataset(dataset, { split: options.split }));
    }
    const all = this.#sets.get(key)!;
    if (options.nClasses >= 10) return all;
    return filterClasses(
      all,
      Array.from({ length: options.nClasses }, (_, c) => c),
    );
  }
}

/**
 * The first `n` images of a set (all when `n` is 0 or larger than the set).
 *
 * @param set Images.
 * @param n Count.
 * @returns The head of the set.
 */
export function head(set: ImageSet, n: number): ImageSet {
  return n === 0 || n >= set.shape[0] ? set : sliceSamples(set, { end: n });
}
