/**
 * The one training loop of the suite (issue 3): shuffled mini-batches from a
 * typed-array dataset, an optimizer at a scheduled learning rate, per-epoch
 * records, early stopping, and checkpoints from which an interrupted run
 * resumes to the same final numbers as an uninterrupted one.
 *
 * Determinism: epoch e visits the images in `rng.fork("epoch-" + e)`'s
 * permutation, so the order depends only on the seed and e, never on how far
 * an earlier (possibly interrupted) process got.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import { createProgress, type Rng } from "../runtime/mod.ts";
import type { Model } from "../models/mod.ts";
import { readCheckpoint, writeCheckpoint } from "./checkpoint.ts";
import type { EarlyStopping } from "./early_stopping.ts";
import { evaluate } from "./evaluate.ts";
import { gatherBatch, type LabeledImages } from "./labeled_images.ts";
import { classificationLoss, type LossKind } from "./loss.ts";
import type { LrSchedule } from "./lr_schedule.ts";
import type { Optimizer } from "./optimizer.ts";
import { type LoopState, restoreState, snapshotState } from "./_loop_state.ts";
import type { EpochRecord } from "./epoch_record.ts";

export type { EpochRecord } from "./epoch_record.ts";

/** Options of {@linkcode fit}. */
export interface FitOptions {
  /** Epochs to train. */
  epochs: number;
  /** Images per step. @default {128} */
  batchSize?: number;
  /** The optimizer (its learning rate is the base rate). */
  optimizer: Optimizer;
  /** Multiplier of the base rate by position. @default {constant 1} */
  schedule?: LrSchedule;
  /** Seeded stream for shuffling. */
  rng: Rng;
  /** Loss on the logits. @default {"cross_entropy"} */
  loss?: LossKind;
  /** Evaluated after each epoch (`val_*` fields). */
  validation?: LabeledImages;
  /** Stops when its monitored record field stalls. */
  earlyStopping?: EarlyStopping;
  /** Checkpoint file; when it exists, training resumes from it. */
  checkpointPath?: string;
  /** Also checkpoint every this many steps inside an epoch (0: only at epoch ends). @default {0} */
  checkpointEverySteps?: number;
  /** Progress label; `null` silences the display. @default {model.name} */
  progressLabel?: string | null;
  /** Aborting stops training after the current step, like a kill (no extra checkpoint). */
  signal?: AbortSignal;
  /** Called after each step with the global step count (1-based). */
  onStep?: (step: number) => void;
}

/** What {@linkcode fit} returns. */
export interface FitResult {
  /** Per-epoch records, including epochs restored from a checkpoint. */
  history: EpochRecord[];
  /** Optimizer steps taken in total. */
  steps: number;
  /** Why the loop ended. */
  stopReason: "completed" | "early_stopping" | "aborted";
}

/**
 * Trains a model.
 *
 * @param model The model (its variables are updated in place).
 * @param train Training images and labels.
 * @param options Epochs, optimizer, schedule, rng, validation, checkpoints.
 * @returns Per-epoch records and the stop reason.
 * @throws {RangeError} If the checkpoint does not match the model.
 */
export async function fit(
  model: Model,
  train: LabeledImages,
  options: FitOptions,
): Promise<FitResult> {
  const { epochs, batchSize = 128, optimizer, rng, loss = "cross_entropy" } =
    options;
  const schedule = options.schedule ?? (() => 1);
  const { checkpointPath, checkpointEverySteps = 0, earlyStopping } = options;
  const [n, h, w, c] = train.shape;
  const stepsPerEpoch = Math.ceil(n / batchSize);
  const trainable = model.variables.filter((v) => v.trainable);
  const buffer = new Float32Array(batchSize * h * w * c);
  const labels = new Int32Array(batchSize);

  // 1) Resume from the checkpoint if there is one.
  let state: LoopState = {
    epoch: 0,
    stepInEpoch: 0,
    globalStep: 0,
    history: [],
    lossSum: 0,
    correct: 0,
    seen: 0,
    stopped: false,
    earlyStopping: earlyStopping?.state,
  };
  if (checkpointPath !== undefined && (await exists(checkpointPath))) {
    state = restoreState(await readCheckpoint(checkpointPath), {
      model,
      optimizer,
      checkpointPath,
    });
    if (earlyStopping && state.earlyStopping) {
      earlyStopping.state = state.earlyStopping;
    }
  }
  const save = async () => {
    if (checkpointPath === undefined) return;
    const snapshot = await snapshotState(state, { model, optimizer });
    await writeCheckpoint(checkpointPath, snapshot);
  };

  // 2) Epochs of shuffled mini-batches.
  while (state.epoch < epochs && !state.stopped) {
    const order = rng.fork(`epoch-${state.epoch}`).permutation(n);
    const progress = options.progressLabel === null ? null : createProgress(
      `${options.progressLabel ?? model.name} epoch ${
        state.epoch + 1
      }/${epochs}`,
      { total: n - state.stepInEpoch * batchSize, unit: "images" },
    );
    const startMs = performance.now();
    let seenHere = 0;
    let lr = optimizer.learningRate;
    while (state.stepInEpoch < stepsPerEpoch) {
      const start = state.stepInEpoch * batchSize;
      const nb = gatherBatch(train, {
        indices: order,
        start,
        batchSize,
        out: buffer,
        labelsOut: labels,
      });
      lr = optimizer.learningRate *
        schedule({ step: state.globalStep, epoch: state.epoch });
      const [lossValue, correct] = await trainStep(model, {
        x: tf.tensor4d(buffer.subarray(0, nb * h * w * c), [nb, h, w, c]),
        y: tf.tensor1d(labels.subarray(0, nb), "int32"),
        trainable,
        optimizer,
        lr,
        loss,
      });
      state.lossSum += lossValue * nb;
      state.correct += correct;
      state.seen += nb;
      state.stepInEpoch += 1;
      state.globalStep += 1;
      seenHere += nb;
      progress?.tick(nb, `loss ${(state.lossSum / state.seen).toFixed(4)}`);
      options.onStep?.(state.globalStep);
      if (options.signal?.aborted) {
        return {
          history: state.history,
          steps: state.globalStep,
          stopReason: "aborted",
        };
      }
      if (
        checkpointEverySteps > 0 && state.stepInEpoch < stepsPerEpoch &&
        state.globalStep % checkpointEverySteps === 0
      ) await save();
    }
    // 3) Close the epoch: record, validate, early-stop, checkpoint.
    const seconds = (performance.now() - startMs) / 1000;
    const record: EpochRecord = {
      epoch: state.epoch + 1,
      lr,
      train_loss: state.lossSum / state.seen,
      train_accuracy: state.correct / state.seen,
      train_images_per_s: seenHere / Math.max(seconds, 1e-9),
    };
    if (options.validation !== undefined) {
      const v = await evaluate(model, options.validation, { loss });
      record.val_loss = v.loss;
      record.val_accuracy = v.accuracy;
      if (v.auc !== undefined) record.val_auc = v.auc;
    }
    progress?.done(
      `loss ${record.train_loss.toFixed(4)} acc ${
        record.train_accuracy.toFixed(4)
      }`,
    );
    state.history.push(record);
    if (earlyStopping?.update(record as unknown as Record<string, unknown>)) {
      state.stopped = true;
    }
    state = {
      ...state,
      epoch: state.epoch + 1,
      stepInEpoch: 0,
      lossSum: 0,
      correct: 0,
      seen: 0,
      earlyStopping: earlyStopping?.state,
    };
    await save();
  }
  return {
    history: state.history,
    steps: state.globalStep,
    stopReason: state.stopped ? "early_stopping" : "completed",
  };
}

/** One optimizer step; returns the batch's mean loss and number of correct predictions. */
async function trainStep(
  model: Model,
  step: {
    x: tf.Tensor4D;
    y: tf.Tensor1D;
    trainable: Model["variables"];
    optimizer: Optimizer;
    lr: number;
    loss: LossKind;
  },
): Promise<[number, number]> {
  const { x, y, trainable, optimizer, lr, loss } = step;
  let correct: tf.Tensor | undefined;
  const value = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => {
      const logits = model.apply(x, { training: true });
      correct = tf.keep(countCorrect(logits, y));
      return classificationLoss(logits, { labels: y, kind: loss });
    }, trainable.map((v) => v.variable));
    optimizer.apply(trainable, {
      grads: trainable.map((v) => grads[v.variable.name]),
      lr,
    });
    return value;
  });
  // Asynchronous reads: WebGPU has no synchronous read-back in Deno.
  const [lossValue, nCorrect] = await Promise.all([
    value.data(),
    correct!.data(),
  ]);
  tf.dispose([x, y, value, correct!]);
  return [lossValue[0], nCorrect[0]];
}

function countCorrect(logits: tf.Tensor2D, y: tf.Tensor1D): tf.Tensor {
  const pred = logits.shape[1] === 1
    ? tf.cast(tf.greater(tf.reshape(logits, [-1]), 0), "int32")
    : tf.argMax(logits, 1);
  return tf.sum(tf.cast(tf.equal(pred, y), "int32"));
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}
