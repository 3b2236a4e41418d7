/**
 * The KD students' training loop (Hasan & Mahdy, arXiv 2311.13810; research
 * notes `kd.md` §2.1, §3): shuffled mini-batches (batch 1 in the notebooks),
 * one optimizer step per batch on either plain cross-entropy (baseline) or the
 * {@linkcode distillationLoss} against precomputed frozen-teacher logits, and a
 * test evaluation after every epoch (the notebooks report the best of them).
 *
 * Epoch e visits the images in `rng.fork("epoch-" + e)`'s permutation, as in
 * {@linkcode fit}.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import { createProgress, type Rng } from "../runtime/mod.ts";
import type { Model } from "../models/mod.ts";
import { distillationLoss } from "./distillation_loss.ts";
import { evaluate } from "./evaluate.ts";
import { gatherBatch, type LabeledImages } from "./labeled_images.ts";
import { classificationLoss } from "./loss.ts";
import type { Optimizer } from "./optimizer.ts";

/** The frozen teacher, as its logits on the training images. */
export interface StudentTeacher {
  /** Teacher logits `[N, C]`, row i for training image i. */
  logits: Float32Array;
  /** Teacher classes C. */
  nClasses: number;
  /** Temperature T. @default {3} */
  temperature?: number;
  /** KL weight α. @default {0.9} */
  alpha?: number;
  /** Loss form (see {@linkcode distillationLoss}). @default {"code"} */
  impl?: "code" | "paper";
}

/** Options of {@linkcode trainStudent}. */
export interface TrainStudentOptions {
  /** Epochs (10 in the notebooks). */
  epochs: number;
  /** Images per step. @default {1} */
  batchSize?: number;
  /** The optimizer, used at its base learning rate. */
  optimizer: Optimizer;
  /** Seeded stream for shuffling. */
  rng: Rng;
  /** Distil from this teacher; plain cross-entropy when absent. */
  teacher?: StudentTeacher;
  /** Evaluated after each epoch. */
  test?: LabeledImages;
  /** Progress label; `null` silences the display. @default {model.name} */
  progressLabel?: string | null;
}

/** One epoch of {@linkcode trainStudent}: plain JSON. */
export interface StudentEpoch {
  /** 1-based epoch. */
  epoch: number;
  /** Mean training loss over the epoch. */
  train_loss: number;
  /** Running training accuracy (argmax over all outputs). */
  train_accuracy: number;
  /** Test accuracy after the epoch, when a test set is given. */
  test_accuracy?: number;
  /** Test cross-entropy after the epoch. */
  test_loss?: number;
}

/**
 * Trains a student, with or without distillation.
 *
 * @param model The student (variables updated in place).
 * @param train Training images and labels.
 * @param options Epochs, batch size, optimizer, rng, teacher and test set.
 * @returns Per-epoch records.
 * @throws {RangeError} If the teacher logits do not cover the training set.
 */
export async function trainStudent(
  model: Model,
  train: LabeledImages,
  options: TrainStudentOptions,
): Promise<{ history: StudentEpoch[] }> {
  const { epochs, batchSize = 1, optimizer, rng, teacher, test } = options;
  const [n, h, w, c] = train.shape;
  const nClasses = teacher?.nClasses ?? 0;
  if (teacher !== undefined && teacher.logits.length !== n * nClasses) {
    throw new RangeError(
      `Cannot distil: expected ${n}×${nClasses} teacher logits, got ${teacher.logits.length}`,
    );
  }
  const trainable = model.variables.filter((v) => v.trainable);
  const images = new Float32Array(batchSize * h * w * c);
  const labels = new Int32Array(batchSize);
  const targets = new Float32Array(batchSize * nClasses);
  const history: StudentEpoch[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = rng.fork(`epoch-${epoch}`).permutation(n);
    const label = options.progressLabel === undefined
      ? model.name
      : options.progressLabel;
    const progress = label === null
      ? null
      : createProgress(`${label} epoch ${epoch + 1}/${epochs}`, {
        total: n,
        unit: "images",
      });
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < n; start += batchSize) {
      const nb = gatherBatch(train, {
        indices: order,
        start,
        batchSize,
        out: images,
        labelsOut: labels,
      });
      for (let b = 0; b < nb && teacher; b++) {
        const row = order[start + b] * nClasses;
        targets.set(teacher.logits.subarray(row, row + nClasses), b * nClasses);
      }
      const [loss, hits] = step(model, {
        x: tf.tensor4d(images.subarray(0, nb * h * w * c), [nb, h, w, c]),
        y: tf.tensor1d(labels.subarray(0, nb), "int32"),
        t: teacher
          ? tf.tensor2d(targets.subarray(0, nb * nClasses), [nb, nClasses])
          : undefined,
        teacher,
        trainable,
        optimizer,
      });
      lossSum += loss * nb;
      correct += hits;
      progress?.tick(nb, `loss ${(lossSum / (start + nb)).toFixed(4)}`);
    }
    const record: StudentEpoch = {
      epoch: epoch + 1,
      train_loss: lossSum / n,
      train_accuracy: correct / n,
    };
    if (test !== undefined) {
      const e = await evaluate(model, test, { batchSize: 256 });
      record.test_accuracy = e.accuracy;
      record.test_loss = e.loss;
    }
    progress?.done(
      `loss ${record.train_loss.toFixed(4)} test acc ${
        record.test_accuracy?.toFixed(4) ?? "-"
      }`,
    );
    history.push(record);
  }
  return { history };
}

/** One optimizer step; returns the batch's mean loss and its number of correct argmax predictions. */
function step(
  model: Model,
  batch: {
    x: tf.Tensor4D;
    y: tf.Tensor1D;
    t?: tf.Tensor2D;
    teacher?: StudentTeacher;
    trainable: Model["variables"];
    optimizer: Optimizer;
  },
): [number, number] {
  const { x, y, t, teacher, trainable, optimizer } = batch;
  let hits: tf.Tensor | undefined;
  const loss = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => {
      const o = model.apply(x, { training: true });
      hits = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(o, 1), y), "int32")));
      return t === undefined
        ? classificationLoss(o, { labels: y })
        : distillationLoss(o, {
          labels: y,
          teacherLogits: t,
          temperature: teacher!.temperature,
          alpha: teacher!.alpha,
          impl: teacher!.impl,
        });
    }, trainable.map((v) => v.variable));
    optimizer.apply(trainable, {
      grads: trainable.map((v) => grads[v.variable.name]),
      lr: optimizer.learningRate,
    });
    return value.dataSync()[0];
  });
  const nHits = hits!.dataSync()[0];
  tf.dispose([x, y, hits!, ...(t ? [t] : [])]);
  return [loss, nHits];
}
