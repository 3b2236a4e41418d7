/**
 * Classification metrics on typed arrays, computed once per evaluation pass
 * from the model's outputs (no tfjs needed).
 *
 * @module
 */

/**
 * Top-1 accuracy of logits against class labels.
 *
 * @param logits Row-major `[N, C]` scores.
 * @param labels Class index per row, length N.
 * @returns Fraction of rows whose arg-max equals the label.
 * @throws {RangeError} If the lengths disagree.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { accuracy } from "./metrics.ts";
 * assert.equal(accuracy(new Float32Array([0, 1, 3, 2]), new Uint8Array([1, 1])), 0.5);
 * ```
 */
export function accuracy(
  logits: Float32Array,
  labels: ArrayLike<number>,
): number {
  const n = labels.length;
  const nC = logits.length / n;
  if (!Number.isInteger(nC) || n === 0) {
    throw new RangeError(
      `Cannot compute accuracy: expected logits of N·C values for N=${n} labels, got ${logits.length}`,
    );
  }
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < nC; c++) {
      if (logits[i * nC + c] > logits[i * nC + best]) best = c;
    }
    if (best === labels[i]) correct++;
  }
  return correct / n;
}

/**
 * Binary accuracy: a score above the threshold predicts class 1.
 *
 * @param scores One score (probability or logit) per sample.
 * @param options `labels` (0/1 per sample) and `threshold` (default 0.5; use 0 for logits).
 * @returns Fraction of correct predictions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { binaryAccuracy } from "./metrics.ts";
 * const acc = binaryAccuracy(new Float32Array([0.9, 0.2, 0.6]), { labels: [1, 0, 0] });
 * assert.ok(Math.abs(acc - 2 / 3) < 1e-12);
 * ```
 */
export function binaryAccuracy(
  scores: ArrayLike<number>,
  options: { labels: ArrayLike<number>; threshold?: number },
): number {
  const { labels, threshold = 0.5 } = options;
  let correct = 0;
  for (let i = 0; i < scores.length; i++) {
    if ((scores[i] > threshold ? 1 : 0) === (labels[i] > 0 ? 1 : 0)) correct++;
  }
  return correct / scores.length;
}

/**
 * Area under the ROC curve by the rank-sum (Mann–Whitney U) identity, with
 * tied scores given their average rank, as scikit-learn's `roc_auc_score`.
 *
 * @param scores Score per sample; higher means class 1.
 * @param labels 0/1 per sample.
 * @returns AUC in [0, 1], or NaN when only one class is present.
 *
 * @example Perfect and tied rankings
 * ```ts
 * import assert from "node:assert/strict";
 * import { rocAuc } from "./metrics.ts";
 * assert.equal(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), 0.75);
 * assert.equal(rocAuc([0.5, 0.5], [0, 1]), 0.5);
 * ```
 */
export function rocAuc(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    scores[a] - scores[b]
  );
  let rankSumPos = 0;
  let nPos = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const avgRank = (i + j) / 2 + 1; // 1-based average rank of the tie group
    for (let k = i; k <= j; k++) {
      if (labels[order[k]] > 0) {
        rankSumPos += avgRank;
        nPos++;
      }
    }
    i = j + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}
