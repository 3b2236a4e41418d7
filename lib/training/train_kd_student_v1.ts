/**
 * {@linkcode trainStudent} for the v1 KD student (Hasan & Mahdy, arXiv
 * 2311.13810; research notes `kd.md` §2.1, §3) on typed arrays: the same
 * epochs, image order, loss forms and per-epoch records, but each batch-1
 * step runs {@linkcode kdStudentV1Cpu}'s loops and a float64 PyTorch-style
 * Adam instead of ~100 tfjs ops on tiny tensors (≈12 ms per step on wasm).
 *
 * Epoch e visits the images in `rng.fork("epoch-" + e)`'s permutation, as
 * `trainStudent` does; dropout masks and shots come from `rng.fork("dropout")`
 * and `rng.fork("shots")`. The trained weights are written back to the model.
 *
 * @module
 */

import { createProgress } from "../runtime/mod.ts";
import { kdStudentV1Cpu, type KdStudentV1Model } from "../models/mod.ts";
import { distillationLossGrad } from "./distillation_loss_grad.ts";
import type { LabeledImages } from "./labeled_images.ts";
import type {
  StudentEpoch,
  StudentTeacher,
  TrainStudentOptions,
} from "./train_student.ts";
import { typedAdam } from "./typed_adam.ts";

/** Options of {@linkcode trainKdStudentV1}. */
export interface TrainKdStudentV1Options
  extends Omit<TrainStudentOptions, "optimizer"> {
  /** Adam's learning rate (notes §2.1: 1e-3). @default {1e-3} */
  learningRate?: number;
}

/**
 * Trains a v1 student, with or without distillation, as {@linkcode trainStudent} would.
 *
 * @param model The student from `kdStudentV1` (weights read at the start, written back at the end).
 * @param train Training images `[N, 28, 28, 1]` and labels.
 * @param options Epochs, batch size, learning rate, rng, teacher and test set.
 * @returns Per-epoch records.
 * @throws {RangeError} If the images are not 28×28×1 or the teacher logits do not cover the set.
 *
 * @example Two epochs on a toy set
 * ```ts
 * import assert from "node:assert/strict";
 * import "@tensorflow/tfjs-backend-cpu";
 * import { createRng } from "../runtime/mod.ts";
 * import { kdStudentV1 } from "../models/mod.ts";
 * import { trainKdStudentV1 } from "./train_kd_student_v1.ts";
 * const n = 4;
 * const set = { images: new Uint8Array(n * 784).fill(9), shape: [n, 28, 28, 1] as [number, number, number, number], labels: new Uint8Array([0, 1, 0, 1]) };
 * const model = kdStudentV1({ nQubits: 1, rng: createRng(1) });
 * const { history } = await trainKdStudentV1(model, set, { epochs: 2, rng: createRng(2), test: set, progressLabel: null });
 * assert.equal(history.length, 2);
 * assert.ok(history[1].test_accuracy! >= 0 && history[1].test_accuracy! <= 1);
 * ```
 */
export async function trainKdStudentV1(
  model: KdStudentV1Model,
  train: LabeledImages,
  options: TrainKdStudentV1Options,
): Promise<{ history: StudentEpoch[] }> {
  const {
    epochs,
    batchSize = 1,
    learningRate = 1e-3,
    rng,
    teacher,
    test,
  } = options;
  const n = train.shape[0];
  for (const set of test === undefined ? [train] : [train, test]) {
    const [, h, w, c] = set.shape;
    if (h !== 28 || w !== 28 || c !== 1) {
      throw new RangeError(
        `Cannot train the v1 student: expected 28×28×1 images, got ${h}×${w}×${c}`,
      );
    }
  }
  const nClasses = teacher?.nClasses ?? 0;
  if (teacher !== undefined && teacher.logits.length !== n * nClasses) {
    throw new RangeError(
      `Cannot distil: expected ${n}×${nClasses} teacher logits, got ${teacher.logits.length}`,
    );
  }
  // Read asynchronously: WebGPU has no synchronous read-back in Deno.
  const weights = await Promise.all(
    model.variables.map((v) => v.variable.data()),
  );
  const student = kdStudentV1Cpu(model, { rng, weights });
  const optimizer = typedAdam(student.params.length, { learningRate });
  const x = new Float32Array(784);
  const dOut = new Float64Array(student.nOut);
  const label = options.progressLabel === undefined
    ? model.name
    : options.progressLabel;
  const history: StudentEpoch[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = rng.fork(`epoch-${epoch}`).permutation(n);
    const progress = label === null
      ? null
      : createProgress(`${label} epoch ${epoch + 1}/${epochs}`, {
        total: n,
        unit: "images",
      });
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < n; start += batchSize) {
      const nb = Math.min(batchSize, n - start);
      student.grads.fill(0);
      for (let b = 0; b < nb; b++) {
        const i = order[start + b];
        loadImage(train, i, x);
        const o = student.forward(x, { training: true });
        if (argMax(o) === train.labels[i]) correct++;
        lossSum += distillationLossGrad(o, {
          label: train.labels[i],
          ...teacherOptions(teacher, i),
          dOut,
        });
        // The batch loss is the mean over its images.
        student.backward(dOut, { scale: 1 / nb });
      }
      optimizer.step(student.params, student.grads);
      progress?.tick(nb, `loss ${(lossSum / (start + nb)).toFixed(4)}`);
    }
    const record: StudentEpoch = {
      epoch: epoch + 1,
      train_loss: lossSum / n,
      train_accuracy: correct / n,
    };
    if (test !== undefined) {
      const e = evaluateCpu(student, test, { x, dOut });
      record.test_accuracy = e.accuracy;
      record.test_loss = e.loss;
    }
    progress?.done(
      `loss ${record.train_loss.toFixed(4)} test acc ${
        record.test_accuracy?.toFixed(4) ?? "-"
      }`,
    );
    history.push(record);
    // Yield to the event loop between epochs (signal handlers, timers), as the tfjs loop's awaits do.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  student.writeTo(model);
  return { history };
}

/** The teacher fields of {@linkcode distillationLossGrad} for training image i. */
function teacherOptions(teacher: StudentTeacher | undefined, i: number) {
  if (teacher === undefined) return {};
  const { logits, nClasses, temperature, alpha, impl } = teacher;
  return {
    teacherLogits: logits.subarray(i * nClasses, (i + 1) * nClasses),
    temperature,
    alpha,
    impl,
  };
}

/** Test CE over all outputs and argmax accuracy, as `evaluate` computes them (dropout off, shots on). */
function evaluateCpu(
  student: ReturnType<typeof kdStudentV1Cpu>,
  set: LabeledImages,
  buffers: { x: Float32Array; dOut: Float64Array },
): { loss: number; accuracy: number } {
  const { x, dOut } = buffers;
  const n = set.shape[0];
  let lossSum = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    loadImage(set, i, x);
    const o = student.forward(x, { training: false });
    lossSum += distillationLossGrad(o, { label: set.labels[i], dOut });
    if (argMax(o) === set.labels[i]) correct++;
  }
  return { loss: lossSum / n, accuracy: correct / n };
}

/** Image i as float32 pixels, bytes scaled by 1/255 exactly as `gatherBatch` does. */
function loadImage(set: LabeledImages, i: number, out: Float32Array): void {
  const { images } = set;
  const base = i * 784;
  if (images instanceof Uint8Array) {
    for (let k = 0; k < 784; k++) out[k] = images[base + k] * (1 / 255);
  } else {
    for (let k = 0; k < 784; k++) out[k] = images[base + k];
  }
}

/** Index of the first maximum (tf.argMax and `accuracy` keep the first). */
function argMax(o: Float64Array): number {
  let best = 0;
  for (let k = 1; k < o.length; k++) if (o[k] > o[best]) best = k;
  return best;
}
