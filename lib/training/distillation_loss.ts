/**
 * Knowledge-distillation loss of Hasan & Mahdy (arXiv 2311.13810), in the two
 * forms of research notes `kd.md` §3:
 *
 * - `impl: "code"` (the published notebooks): L = CE(o, y) + α·T²·KL(softmax(t/T) ‖ softmax(o_{0..C−1}/T)),
 *   the cross-entropy over every student output, the KL over its first C
 *   outputs only, and no (1 − α) factor on the CE term.
 * - `impl: "paper"` (the standard Hinton form): L = (1 − α)·CE(o, y) + α·T²·KL(softmax(t/T) ‖ softmax(o/T)),
 *   the KL on all logits when the student has as many outputs as the teacher
 *   has classes (v2); a v1 student with more outputs (2^{Q+1}) than classes
 *   again compares its first C outputs.
 *
 * T = 3 and α = 0.9 as in the notebooks. Terms are averaged over the batch.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";

/** Options of {@linkcode distillationLoss}. */
export interface DistillationLossOptions {
  /** True classes, int32 `[B]`. */
  labels: tf.Tensor1D;
  /** Frozen teacher logits t, `[B, C]`. */
  teacherLogits: tf.Tensor2D;
  /** Temperature T (notes §3). @default {3} */
  temperature?: number;
  /** Weight α of the KL term (notes §3). @default {0.9} */
  alpha?: number;
  /** `"code"`: CE + α·T²·KL; `"paper"`: (1 − α)·CE + α·T²·KL (KL on the first C outputs in both). @default {"code"} */
  impl?: "code" | "paper";
}

/**
 * The distillation loss of a batch of student outputs.
 *
 * @param studentOutputs Student outputs o `[B, K]`, used as logits, K ≥ C.
 * @param options Labels, teacher logits, T, α and which form.
 * @returns The scalar loss, averaged over the batch.
 * @throws {RangeError} If T ≤ 0, α is outside [0, 1], or the shapes disagree.
 *
 * @example With identical student and teacher logits the KL term vanishes
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import "@tensorflow/tfjs-backend-cpu";
 * import { distillationLoss } from "./distillation_loss.ts";
 * const z = tf.tensor2d([[1, 2, 0.5]]);
 * const labels = tf.tensor1d([1], "int32");
 * const ce = -Math.log(Math.exp(2) / (Math.exp(1) + Math.exp(2) + Math.exp(0.5)));
 * const paper = distillationLoss(z, { labels, teacherLogits: z, impl: "paper" }).dataSync()[0];
 * assert.ok(Math.abs(paper - 0.1 * ce) < 1e-6);
 * ```
 */
export function distillationLoss(
  studentOutputs: tf.Tensor2D,
  options: DistillationLossOptions,
): tf.Scalar {
  const { labels, teacherLogits, temperature = 3, alpha = 0.9, impl = "code" } =
    options;
  const [nBatch, nOut] = studentOutputs.shape;
  const [nTeacherBatch, nClasses] = teacherLogits.shape;
  if (!(temperature > 0) || !(alpha >= 0 && alpha <= 1)) {
    throw new RangeError(
      `Cannot compute the distillation loss: expected T > 0 and α in [0, 1], got T=${temperature} α=${alpha}`,
    );
  }
  if (nTeacherBatch !== nBatch || nOut < nClasses) {
    throw new RangeError(
      `Cannot compute the distillation loss: expected student outputs [${nTeacherBatch}, ≥${nClasses}] for teacher logits [${nTeacherBatch}, ${nClasses}], got [${nBatch}, ${nOut}]`,
    );
  }
  return tf.tidy(() => {
    const ce = crossEntropy(studentOutputs, labels); // scalar
    // Notes §3: the KL sees only the first C student outputs in the notebooks.
    const o = nOut > nClasses
      ? tf.slice(studentOutputs, [0, 0], [nBatch, nClasses])
      : studentOutputs; // [B, C]
    const kl = temperedKl(teacherLogits, o, temperature); // scalar
    const klTerm = tf.mul(kl, alpha * temperature * temperature);
    // The notebooks add the CE term with weight 1, not (1 − α) (notes §3).
    const ceTerm = impl === "code" ? ce : tf.mul(ce, 1 - alpha);
    return tf.add(ceTerm, klTerm) as tf.Scalar;
  });
}

/** CE(o, y) = −(1/B) Σ_b log softmax(o_b)[y_b]. */
function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  const oneHot = tf.oneHot(labels, logits.shape[1]); // [B, K]
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1)));
}

/** (1/B) Σ_b Σ_c q_c (log q_c − log s_c), q = softmax(t/T), s = softmax(o/T). */
function temperedKl(
  teacher: tf.Tensor2D,
  student: tf.Tensor2D,
  temperature: number,
): tf.Scalar {
  const logQ = tf.logSoftmax(tf.div(teacher, temperature)); // [B, C]
  const logS = tf.logSoftmax(tf.div(student, temperature)); // [B, C]
  return tf.mean(tf.sum(tf.mul(tf.exp(logQ), tf.sub(logQ, logS)), 1));
}
