/**
 * The Keras metric semantics of the Q-Drop notebooks that the shared
 * `metrics.ts` has no equivalent for (notes `qdrop.md` §1.8): one-hot targets,
 * binary/categorical cross-entropy on sigmoid outputs with 1e-7 clipping,
 * Keras' `accuracy` dispatch (binary vs categorical), Keras' 200-threshold
 * ROC-AUC over flattened outputs, and the constant-predictor (collapse) check.
 * The accuracies and the exact ROC-AUC themselves are `metrics.ts`'s
 * {@linkcode accuracy}, {@linkcode binaryAccuracy} and `rocAuc`.
 *
 * Predictions are `[N, k]` row-major with k = 1 (p = P(class 1)) or k = 2
 * (one sigmoid per class); labels are 0/1, `[N]`.
 *
 * @module
 */

import { accuracy, binaryAccuracy } from "./metrics.ts";

const EPS = 1e-7; // Keras backend epsilon

function target(label: number, j: number, k: number): number {
  return k === 1 ? label : (label === j ? 1 : 0);
}

function predictedClass(
  p: Float32Array,
  k: number,
  out: Uint8Array,
): Uint8Array {
  for (let i = 0; i < out.length; i++) {
    out[i] = k === 1 ? (p[i] > 0.5 ? 1 : 0) : (p[i * k + 1] > p[i * k] ? 1 : 0);
  }
  return out;
}

/**
 * Keras targets of 0/1 labels: the labels themselves for k = 1, one-hot rows for k = 2.
 *
 * @param labels 0/1 per sample, `[N]`.
 * @param k Outputs per sample.
 * @returns Targets, `[N, k]` row-major.
 */
export function oneHotTargets(labels: Uint8Array, k: number): Float32Array {
  const out = new Float32Array(labels.length * k);
  for (let i = 0; i < labels.length; i++) {
    if (k === 1) out[i] = labels[i];
    else out[i * k + labels[i]] = 1;
  }
  return out;
}

/**
 * The class-1 score per sample: p itself for k = 1, column 1 for k = 2.
 *
 * @param p Predictions, `[N, k]`.
 * @param k Outputs per sample.
 * @returns Scores, `[N]` (a view of `p` when k = 1).
 */
export function classOneScores(p: Float32Array, k: number): Float32Array {
  if (k === 1) return p;
  const out = new Float32Array(p.length / k);
  for (let i = 0; i < out.length; i++) out[i] = p[i * k + 1];
  return out;
}

/**
 * Mean loss: `"bce"` averages −[y log p + (1−y) log(1−p)] over the k outputs
 * (Keras BinaryCrossentropy); `"cce"` renormalizes the k outputs to sum 1 and
 * takes −Σ y log p (Keras CategoricalCrossentropy on sigmoid outputs).
 *
 * @param p Predictions, `[N, k]`.
 * @param options `labels` (0/1, `[N]`), `k` and the `loss` kind.
 * @returns The mean over the N samples.
 */
export function meanLoss(
  p: Float32Array,
  { labels, k, loss }: { labels: Uint8Array; k: number; loss: "bce" | "cce" },
): number {
  const n = labels.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (loss === "bce") {
      let s = 0;
      for (let j = 0; j < k; j++) {
        const q = Math.min(1 - EPS, Math.max(EPS, p[i * k + j]));
        const y = target(labels[i], j, k);
        s -= y * Math.log(q) + (1 - y) * Math.log(1 - q);
      }
      total += s / k;
    } else {
      let sum = 0;
      for (let j = 0; j < k; j++) sum += p[i * k + j];
      const q = Math.min(1 - EPS, Math.max(EPS, p[i * k + labels[i]] / sum));
      total -= Math.log(q);
    }
  }
  return total / n;
}

/**
 * Keras `accuracy`: `"binary"` (with BCE) thresholds every output at 0.5 and
 * averages over the N·k outputs (`binary_accuracy`); `"categorical"` (with
 * CCE) compares the argmax. With k = 1 both are the 0.5 threshold.
 *
 * @param p Predictions, `[N, k]`.
 * @param options `labels` (0/1, `[N]`), `k` and the accuracy `kind`.
 * @returns The accuracy in [0, 1].
 */
export function kerasAccuracy(
  p: Float32Array,
  { labels, k, kind }: {
    labels: Uint8Array;
    k: number;
    kind: "binary" | "categorical";
  },
): number {
  if (kind === "binary" || k === 1) {
    return binaryAccuracy(p, { labels: oneHotTargets(labels, k) });
  }
  return accuracy(p, labels);
}

/**
 * Keras `AUC()` (ROC, 200 thresholds, interpolation) over the flattened
 * (sample × output) predictions against the flattened one-hot targets.
 *
 * @param p Predictions, `[N, k]`.
 * @param options `labels` (0/1, `[N]`) and `k`.
 * @returns The AUC, or NaN when the targets hold one class only.
 */
export function kerasAuc(
  p: Float32Array,
  { labels, k }: { labels: Uint8Array; k: number },
): number {
  const nT = 200;
  // thresholds t_0 = −ε, t_m = m/199 (m = 1…198), t_199 = 1 + ε; a prediction q ∈ [0, 1]
  // is positive at t_m for m = 0 … last, last = min(198, max(0, ⌈199q⌉ − 1))
  const posAt = new Float64Array(nT), negAt = new Float64Array(nT);
  let pos = 0, neg = 0;
  for (let i = 0; i < labels.length; i++) {
    for (let j = 0; j < k; j++) {
      const q = p[i * k + j];
      const last = Math.min(nT - 2, Math.max(0, Math.ceil(q * (nT - 1)) - 1));
      if (target(labels[i], j, k) === 1) {
        pos++;
        posAt[last]++;
      } else {
        neg++;
        negAt[last]++;
      }
    }
  }
  if (pos === 0 || neg === 0) return NaN;
  for (let m = nT - 2; m >= 0; m--) { // suffix sums: TP(m), FP(m)
    posAt[m] += posAt[m + 1];
    negAt[m] += negAt[m + 1];
  }
  let auc = 0;
  for (let m = 0; m < nT - 1; m++) {
    const x0 = negAt[m] / neg, x1 = negAt[m + 1] / neg;
    const y0 = posAt[m] / pos, y1 = posAt[m + 1] / pos;
    auc += (x0 - x1) * (y0 + y1) / 2;
  }
  return auc;
}

/**
 * Whether every sample gets the same predicted class (a collapsed, constant
 * predictor): p > 0.5 for k = 1, argmax for k = 2.
 *
 * @param p Predictions, `[N, k]`.
 * @param options `k`, outputs per sample.
 * @returns True when all N predicted classes agree.
 */
export function isConstantPredictor(
  p: Float32Array,
  { k }: { k: number },
): boolean {
  const n = p.length / k;
  const pred = predictedClass(p, k, new Uint8Array(n));
  for (let i = 1; i < n; i++) if (pred[i] !== pred[0]) return false;
  return true;
}
