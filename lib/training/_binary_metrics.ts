/**
 * Keras losses and metrics of the Q-Drop notebooks on typed arrays (notes
 * `qdrop.md` §1.8): binary/categorical cross-entropy with 1e-7 clipping,
 * binary and categorical accuracy, Keras' 200-threshold ROC-AUC over flattened
 * outputs, and the exact ROC-AUC of the class-1 score.
 *
 * Predictions are `[N, k]` row-major with k = 1 (p = P(class 1)) or k = 2
 * (one sigmoid per class); labels are 0/1, `[N]`.
 *
 * @module
 */

const EPS = 1e-7; // Keras backend epsilon

function target(label: number, j: number, k: number): number {
  return k === 1 ? label : (label === j ? 1 : 0);
}

/**
 * Mean loss: `"bce"` averages −[y log p + (1−y) log(1−p)] over the k outputs
 * (Keras BinaryCrossentropy); `"cce"` renormalizes the k outputs to sum 1 and
 * takes −Σ y log p (Keras CategoricalCrossentropy on sigmoid outputs).
 */
export function meanLoss(
  p: Float32Array,
  labels: Uint8Array,
  k: number,
  loss: "bce" | "cce",
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

/** Predicted class per sample: p > 0.5 for k = 1, argmax for k = 2. */
export function predictedClass(
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
 * Accuracy: `"binary"` thresholds every output at 0.5 and averages over the
 * N·k outputs (Keras `binary_accuracy`); `"categorical"` compares the argmax.
 */
export function accuracy(
  p: Float32Array,
  labels: Uint8Array,
  k: number,
  kind: "binary" | "categorical",
): number {
  const n = labels.length;
  let hits = 0;
  if (kind === "binary" || k === 1) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) {
        if ((p[i * k + j] > 0.5 ? 1 : 0) === target(labels[i], j, k)) hits++;
      }
    }
    return hits / (n * k);
  }
  const pred = predictedClass(p, k, new Uint8Array(n));
  for (let i = 0; i < n; i++) if (pred[i] === labels[i]) hits++;
  return hits / n;
}

/**
 * Keras `AUC()` (ROC, 200 thresholds, interpolation) over the flattened
 * (sample × output) predictions against the flattened one-hot targets.
 */
export function kerasAuc(
  p: Float32Array,
  labels: Uint8Array,
  k: number,
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

/** Exact ROC-AUC (Mann–Whitney, ties count ½) of the class-1 score. */
export function exactAuc(
  p: Float32Array,
  labels: Uint8Array,
  k: number,
): number {
  const n = labels.length;
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) score[i] = k === 1 ? p[i] : p[i * k + 1];
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    score[a] - score[b]
  );
  let pos = 0, rankSum = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && score[order[j + 1]] === score[order[i]]) j++;
    const rank = (i + j) / 2 + 1; // average rank of the tie group
    for (let t = i; t <= j; t++) {
      if (labels[order[t]] === 1) {
        pos++;
        rankSum += rank;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSum - pos * (pos + 1) / 2) / (pos * neg);
}

/** Whether every sample gets the same predicted class (a collapsed, constant predictor). */
export function isConstantPredictor(
  p: Float32Array,
  k: number,
  n: number,
): boolean {
  const pred = predictedClass(p, k, new Uint8Array(n));
  for (let i = 1; i < n; i++) if (pred[i] !== pred[0]) return false;
  return true;
}
