/**
 * Rank-r truncated SVD of a flattened conv kernel, the "QCL-inspired tensor
 * decomposition" of QIANets (arXiv 2410.10318 §3.2; notes §1.2):
 * W_f = U Σ Vᵀ ≈ U_r Σ_r V_rᵀ, W_f ∈ ℝ^{m×n} with m = Cout, n = Cin·kH·kW.
 *
 * Computed from the symmetric eigendecomposition (ml-matrix) of the smaller
 * Gram matrix, W Wᵀ = U Σ² Uᵀ (or WᵀW = V Σ² Vᵀ): for conv kernels one side
 * is at most 2048, so this is far cheaper than a full SVD of the m×n matrix.
 *
 * @module
 */

import { EigenvalueDecomposition, Matrix } from "ml-matrix";

/** A truncated SVD, W ≈ U_r diag(s) V_rᵀ. */
export interface TruncatedSvd {
  /** `[m, r]` row-major left singular vectors. */
  u: Float64Array;
  /** `[r]` top singular values, descending. */
  s: Float64Array;
  /** `[n, r]` row-major right singular vectors. */
  v: Float64Array;
  /** `[m, n, r]`. */
  shape: [m: number, n: number, r: number];
  /** All min(m, n) singular values, descending. */
  singularValues: Float64Array;
}

/**
 * Top-r singular triplets of a row-major matrix.
 *
 * @param matrix Row-major values, `[m, n]`.
 * @param shape `[m, n]`.
 * @param options `rank` r; clamped to min(m, n), as the code leaves a layer
 * unchanged when r ≥ min(Cout, Cin·k²) (notes §2 Step 2).
 * @returns U_r, s_r, V_r and the full spectrum.
 * @throws {RangeError} If the sizes disagree or the rank is not a positive integer.
 *
 * @example Singular values of diag(3, 2)
 * ```ts
 * import assert from "node:assert/strict";
 * import { truncatedSvd } from "./truncated_svd.ts";
 * const svd = truncatedSvd(new Float64Array([3, 0, 0, 2]), [2, 2], { rank: 1 });
 * assert.deepEqual(Array.from(svd.singularValues), [3, 2]);
 * assert.deepEqual(Array.from(svd.s), [3]);
 * ```
 */
export function truncatedSvd(
  matrix: ArrayLike<number>,
  shape: [m: number, n: number],
  options: { rank: number },
): TruncatedSvd {
  const [m, n] = shape;
  if (matrix.length !== m * n) {
    throw new RangeError(
      `Cannot take SVD: expected ${
        m * n
      } values for shape [${m}, ${n}], got ${matrix.length}`,
    );
  }
  if (!Number.isInteger(options.rank) || options.rank < 1) {
    throw new RangeError(
      `Cannot take SVD: expected a positive integer rank, got ${options.rank}`,
    );
  }
  const k = Math.min(m, n);
  const r = Math.min(options.rank, k);
  const rowsSide = m <= n; // eigendecompose W Wᵀ (m×m) when m ≤ n, else WᵀW (n×n)
  const eig = new EigenvalueDecomposition(gram(matrix, m, n, rowsSide), {
    assumeSymmetric: true,
  });
  // ml-matrix returns ascending eigenvalues: reverse, clamp round-off negatives
  const values = eig.realEigenvalues;
  const vectors = eig.eigenvectorMatrix;
  const singularValues = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    singularValues[i] = Math.sqrt(Math.max(values[k - 1 - i], 0));
  }
  const s = singularValues.slice(0, r);
  const near = new Float64Array(k * r); // the Gram side's singular vectors, [k, r]
  for (let a = 0; a < k; a++) {
    for (let j = 0; j < r; j++) near[a * r + j] = vectors.get(a, k - 1 - j);
  }
  // Other side: v_j = Wᵀu_j / s_j (or u_j = W v_j / s_j); zero where s_j = 0
  const far = rowsSide ? new Float64Array(n * r) : new Float64Array(m * r);
  for (let i = 0; i < m; i++) {
    for (let c = 0; c < n; c++) {
      const w = matrix[i * n + c];
      if (w === 0) continue;
      for (let j = 0; j < r; j++) {
        if (rowsSide) far[c * r + j] += w * near[i * r + j];
        else far[i * r + j] += w * near[c * r + j];
      }
    }
  }
  const farRows = rowsSide ? n : m;
  for (let a = 0; a < farRows; a++) {
    for (let j = 0; j < r; j++) {
      far[a * r + j] = s[j] > 0 ? far[a * r + j] / s[j] : 0;
    }
  }
  return rowsSide
    ? { u: near, s, v: far, shape: [m, n, r], singularValues }
    : { u: far, s, v: near, shape: [m, n, r], singularValues };
}

/**
 * Reconstructs U_r diag(s) V_rᵀ, the dense weight the published code writes
 * back (notes §1.2).
 *
 * @param svd A truncated SVD.
 * @returns Row-major `[m, n]` values.
 *
 * @example Rank 1 of diag(3, 2)
 * ```ts
 * import assert from "node:assert/strict";
 * import { reconstructSvd, truncatedSvd } from "./truncated_svd.ts";
 * const svd = truncatedSvd(new Float64Array([3, 0, 0, 2]), [2, 2], { rank: 1 });
 * assert.deepEqual(Array.from(reconstructSvd(svd), Math.abs), [3, 0, 0, 0]);
 * ```
 */
export function reconstructSvd(svd: TruncatedSvd): Float64Array {
  const { u, s, v, shape: [m, n, r] } = svd;
  const out = new Float64Array(m * n);
  const us = new Float64Array(r);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < r; j++) us[j] = u[i * r + j] * s[j];
    for (let c = 0; c < n; c++) {
      let acc = 0;
      for (let j = 0; j < r; j++) acc += us[j] * v[c * r + j];
      out[i * n + c] = acc;
    }
  }
  return out;
}

/** Gram matrix W Wᵀ (`rows`) or WᵀW, in float64. */
function gram(
  w: ArrayLike<number>,
  m: number,
  n: number,
  rows: boolean,
): Matrix {
  const k = rows ? m : n;
  const g = new Float64Array(k * k);
  if (rows) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j <= i; j++) {
        let acc = 0;
        for (let c = 0; c < n; c++) acc += w[i * n + c] * w[j * n + c];
        g[i * k + j] = acc;
        g[j * k + i] = acc;
      }
    }
  } else {
    for (let i = 0; i < m; i++) {
      for (let a = 0; a < n; a++) {
        const wa = w[i * n + a];
        if (wa === 0) continue;
        for (let b = 0; b <= a; b++) g[a * k + b] += wa * w[i * n + b];
      }
    }
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < a; b++) g[b * k + a] = g[a * k + b];
    }
  }
  return Matrix.from1DArray(k, k, g);
}
