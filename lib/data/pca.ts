/**
 * Principal component analysis, fitted on the training split only and then
 * applied to every split (qdrop: sklearn `PCA(n_components=6)` on flattened
 * MedMNIST, centred, not whitened, notes §1.8; kd: 2^Q components, notes §5).
 *
 * The components are the top eigenvectors of the scatter matrix XcᵀXc of the
 * centred data Xc (or, when there are fewer samples than features, obtained
 * from the Gram matrix XcXcᵀ as v = Xcᵀu/σ), found by block subspace
 * iteration when few are wanted, else by a full eigendecomposition. Sign convention: each component
 * is flipped so that its entry of largest magnitude is positive, as sklearn
 * ≥ 1.5 (`svd_flip(u_based_decision=False)`); older sklearn versions chose
 * signs from the scores instead, so individual features may differ in sign.
 *
 * @module
 */

import { topEigen } from "./_top_eigen.ts";
import type { FeatureSet } from "./sample_set.ts";

/** A fitted PCA. */
export interface Pca {
  /** Training mean per feature, length D. */
  mean: Float64Array;
  /** Components row-major `[K, D]`, orthonormal rows, by decreasing variance. */
  components: Float64Array;
  /** `[K, D]`. */
  shape: [k: number, d: number];
  /** Variance of the training data along each component (divisor N − 1). */
  explainedVariance: Float64Array;
}

/** Options of {@linkcode fitPca}. */
export interface FitPcaOptions {
  /** Number of components K, at most min(N, D). */
  nComponents: number;
}

/** Upper triangle of AᵀA for row-major A `[rows, cols]`, four rows per sweep. */
function scatter(a: Float64Array, rows: number, cols: number): Float64Array {
  const s = new Float64Array(cols * cols);
  let i = 0;
  for (; i + 4 <= rows; i += 4) {
    const r0 = i * cols, r1 = r0 + cols, r2 = r1 + cols, r3 = r2 + cols;
    for (let p = 0; p < cols; p++) {
      const a0 = a[r0 + p], a1 = a[r1 + p], a2 = a[r2 + p], a3 = a[r3 + p];
      const sp = p * cols;
      for (let q = p; q < cols; q++) {
        s[sp + q] += a0 * a[r0 + q] + a1 * a[r1 + q] + a2 * a[r2 + q] +
          a3 * a[r3 + q];
      }
    }
  }
  for (; i < rows; i++) {
    const r = i * cols;
    for (let p = 0; p < cols; p++) {
      const ap = a[r + p];
      for (let q = p; q < cols; q++) s[p * cols + q] += ap * a[r + q];
    }
  }
  return s;
}

/** Top-k eigenpairs of the symmetric matrix whose upper triangle is `upper`. */
function topEigenUpper(upper: Float64Array, size: number, k: number) {
  for (let p = 0; p < size; p++) {
    for (let q = p + 1; q < size; q++) {
      upper[q * size + p] = upper[p * size + q];
    }
  }
  return topEigen(upper, size, k).map(({ value, vector }) => ({
    value: Math.max(value, 0),
    vector,
  }));
}

/**
 * Fit a PCA with `nComponents` components on training features.
 *
 * @param train Training features `[N, D]` (fit on the training split only).
 * @param options Number of components.
 * @returns Mean, components and explained variances.
 * @throws {RangeError} If `nComponents` is not in 1…min(N, D).
 *
 * @example Points on the line y = 2x
 * ```ts
 * import assert from "node:assert/strict";
 * import { fitPca } from "./pca.ts";
 * const train = { features: new Float32Array([0, 0, 1, 2, 2, 4, 3, 6]), shape: [4, 2] as [number, number], labels: new Uint8Array(4) };
 * const pca = fitPca(train, { nComponents: 1 });
 * assert.ok(Math.abs(pca.components[0] - 1 / Math.sqrt(5)) < 1e-12);
 * assert.ok(Math.abs(pca.components[1] - 2 / Math.sqrt(5)) < 1e-12);
 * ```
 */
export function fitPca(train: FeatureSet, options: FitPcaOptions): Pca {
  const [n, d] = train.shape;
  const { nComponents: k } = options;
  if (!(Number.isInteger(k) && k >= 1 && k <= Math.min(n, d))) {
    throw new RangeError(
      `Cannot fit PCA on ${n}×${d} features: expected nComponents in 1…${
        Math.min(n, d)
      }, got ${k}`,
    );
  }
  const mean = new Float64Array(d);
  const x = train.features;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  }
  for (let j = 0; j < d; j++) mean[j] /= n;
  const xc = new Float64Array(n * d); // Xc [N, D]
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) xc[i * d + j] = x[i * d + j] - mean[j];
  }
  const components = new Float64Array(k * d);
  const explainedVariance = new Float64Array(k);
  if (d <= n) {
    // eigenvectors of XcᵀXc [D, D] are the components
    topEigenUpper(scatter(xc, n, d), d, k).forEach(({ value, vector }, c) => {
      components.set(vector, c * d);
      explainedVariance[c] = value / (n - 1);
    });
  } else {
    // XcXcᵀ = (Xcᵀ)ᵀXcᵀ: scatter of the transpose [N, N]; v = Xcᵀu / ‖Xcᵀu‖
    const xt = new Float64Array(d * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) xt[j * n + i] = xc[i * d + j];
    }
    topEigenUpper(scatter(xt, d, n), n, k).forEach(({ value, vector }, c) => {
      const v = components.subarray(c * d, (c + 1) * d);
      for (let i = 0; i < n; i++) {
        const u = vector[i];
        for (let j = 0; j < d; j++) v[j] += u * xc[i * d + j];
      }
      const norm = Math.hypot(...v);
      for (let j = 0; j < d; j++) v[j] = norm > 0 ? v[j] / norm : 0;
      explainedVariance[c] = value / (n - 1);
    });
  }
  for (let c = 0; c < k; c++) {
    const v = components.subarray(c * d, (c + 1) * d);
    let big = 0;
    for (let j = 1; j < d; j++) if (Math.abs(v[j]) > Math.abs(v[big])) big = j;
    if (v[big] < 0) { for (let j = 0; j < d; j++) v[j] = -v[j]; }
  }
  return { mean, components, shape: [k, d], explainedVariance };
}

/**
 * Project features onto a fitted PCA: z = (x − mean)·Vᵀ.
 *
 * @param pca A PCA from {@linkcode fitPca}.
 * @param set Features `[N, D]` of any split.
 * @returns Scores `[N, K]` with the same labels.
 * @throws {RangeError} If the feature count differs from the fitted one.
 *
 * @example Scores along y = 2x
 * ```ts
 * import assert from "node:assert/strict";
 * import { applyPca, fitPca } from "./pca.ts";
 * const train = { features: new Float32Array([0, 0, 1, 2, 2, 4, 3, 6]), shape: [4, 2] as [number, number], labels: new Uint8Array(4) };
 * const z = applyPca(fitPca(train, { nComponents: 1 }), train);
 * assert.deepEqual(z.shape, [4, 1]);
 * assert.ok(Math.abs(z.features[3] - 1.5 * Math.sqrt(5)) < 1e-5);
 * ```
 */
export function applyPca(pca: Pca, set: FeatureSet): FeatureSet {
  const [n, d] = set.shape;
  const [k, dFit] = pca.shape;
  if (d !== dFit) {
    throw new RangeError(
      `Cannot apply PCA: expected ${dFit} features, got ${d}`,
    );
  }
  const out = new Float32Array(n * k);
  const centred = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      centred[j] = set.features[i * d + j] - pca.mean[j];
    }
    for (let c = 0; c < k; c++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += centred[j] * pca.components[c * d + j];
      out[i * k + c] = z;
    }
  }
  return { features: out, shape: [n, k], labels: set.labels };
}
