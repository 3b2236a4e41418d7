/**
 * One inference pass over a dataset, returning the loss and metrics of the
 * epoch records.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { Model } from "../models/mod.ts";
import { gatherBatch, type LabeledImages } from "./labeled_images.ts";
import { classificationLoss, type LossKind } from "./loss.ts";
import { accuracy, binaryAccuracy, rocAuc } from "./metrics.ts";

/** Metrics of one evaluation pass. */
export interface Evaluation {
  /** Mean loss. */
  loss: number;
  /** Top-1 accuracy (binary accuracy at logit 0 for binary tasks). */
  accuracy: number;
  /** ROC-AUC of the class-1 score, for two-class and binary tasks. */
  auc?: number;
}

/** Options of {@linkcode evaluate}. */
export interface EvaluateOptions {
  /** Images per forward pass. @default {512} */
  batchSize?: number;
  /** Loss the model trains with. @default {"cross_entropy"} */
  loss?: LossKind;
}

/**
 * Evaluates a model in inference mode.
 *
 * @param model The model.
 * @param set Images and labels.
 * @param options Batch size and loss kind.
 * @returns Loss, accuracy and (for two classes) ROC-AUC.
 */
export async function evaluate(
  model: Model,
  set: LabeledImages,
  options: EvaluateOptions = {},
): Promise<Evaluation> {
  const { batchSize = 512, loss = "cross_entropy" } = options;
  const [n, h, w, c] = set.shape;
  const indices = Array.from({ length: n }, (_, i) => i);
  const buffer = new Float32Array(batchSize * h * w * c);
  const labels = new Int32Array(batchSize);
  let logits: Float32Array | undefined;
  let nOut = 0;
  let lossSum = 0;
  for (let start = 0; start < n; start += batchSize) {
    const nb = gatherBatch(set, {
      indices,
      start,
      batchSize,
      out: buffer,
      labelsOut: labels,
    });
    const [z, l] = tf.tidy(() => {
      const x = tf.tensor4d(buffer.subarray(0, nb * h * w * c), [nb, h, w, c]);
      const z = model.apply(x, { training: false });
      const y = tf.tensor1d(labels.subarray(0, nb), "int32");
      return [z, classificationLoss(z, { labels: y, kind: loss })];
    });
    nOut = z.shape[1];
    logits ??= new Float32Array(n * nOut);
    logits.set((await z.data()) as Float32Array, start * nOut);
    lossSum += (await l.data())[0] * nb;
    tf.dispose([z, l]);
  }
  if (logits === undefined) {
    throw new RangeError("Cannot evaluate: expected at least one image, got 0");
  }
  return {
    loss: lossSum / n,
    ...scoreMetrics(logits, { labels: set.labels, nOut }),
  };
}

function scoreMetrics(
  logits: Float32Array,
  options: { labels: Uint8Array; nOut: number },
): { accuracy: number; auc?: number } {
  const { labels, nOut } = options;
  if (nOut === 1) {
    return {
      accuracy: binaryAccuracy(logits, { labels, threshold: 0 }),
      auc: rocAuc(logits, labels),
    };
  }
  const acc = accuracy(logits, labels);
  if (nOut !== 2) return { accuracy: acc };
  // Class-1 margin z₁ − z₀ ranks samples exactly as softmax p₁ does.
  const margin = new Float32Array(labels.length);
  for (let i = 0; i < margin.length; i++) {
    margin[i] = logits[2 * i + 1] - logits[2 * i];
  }
  return { accuracy: acc, auc: rocAuc(margin, labels) };
}
