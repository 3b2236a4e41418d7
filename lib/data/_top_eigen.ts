// Top-k eigenpairs of a symmetric matrix for fitPca (not exported by mod.ts).
// For k well below the matrix size this uses block subspace iteration with
// Rayleigh–Ritz (Saad, "Numerical Methods for Large Eigenvalue Problems",
// §5.2), stopping when every residual ‖Av − λv‖ ≤ 1e-12·λ₁; otherwise, or if
// it does not converge, the full symmetric eigendecomposition of ml-matrix.

import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { createRng } from "../runtime/mod.ts";

/** One eigenpair. */
export interface EigenPair {
  value: number;
  vector: Float64Array;
}

const EXTRA = 16; // block size k + EXTRA: convergence rate λ_{k+EXTRA+1}/λ_k
const RTOL = 1e-12;
const START_SEED = 0x5eed; // a fixed start block keeps fitPca deterministic

function fullEigen(a: Float64Array, size: number, k: number): EigenPair[] {
  const m = new Matrix(size, size);
  for (let p = 0; p < size; p++) {
    for (let q = 0; q < size; q++) m.set(p, q, a[p * size + q]);
  }
  const evd = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const values = evd.realEigenvalues;
  const order = values.map((_, i) => i).sort((x, y) => values[y] - values[x]);
  return order.slice(0, k).map((j) => ({
    value: values[j],
    vector: Float64Array.from(evd.eigenvectorMatrix.getColumn(j)),
  }));
}

/** Modified Gram–Schmidt, twice, on `b` vectors of length `size` stored back to back. */
function orthonormalize(q: Float64Array, size: number, b: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < b; j++) {
      const v = q.subarray(j * size, (j + 1) * size);
      for (let i = 0; i < j; i++) {
        const u = q.subarray(i * size, (i + 1) * size);
        let dot = 0;
        for (let t = 0; t < size; t++) dot += u[t] * v[t];
        for (let t = 0; t < size; t++) v[t] -= dot * u[t];
      }
      let norm = 0;
      for (let t = 0; t < size; t++) norm += v[t] * v[t];
      norm = Math.sqrt(norm);
      for (let t = 0; t < size; t++) v[t] = norm > 0 ? v[t] / norm : 0;
    }
  }
}

/** Z = A·Q for `b` vectors (A symmetric, row-major). */
function multiply(
  a: Float64Array,
  q: Float64Array,
  size: number,
  b: number,
): Float64Array {
  const z = new Float64Array(b * size);
  for (let p = 0; p < size; p++) {
    const row = a.subarray(p * size, (p + 1) * size);
    for (let j = 0; j < b; j++) {
      const v = q.subarray(j * size, (j + 1) * size);
      let dot = 0;
      for (let t = 0; t < size; t++) dot += row[t] * v[t];
      z[j * size + p] = dot;
    }
  }
  return z;
}

/** X·W for `b` vectors X and a b×b matrix W (column j of W mixes the vectors). */
function combine(
  x: Float64Array,
  w: Matrix,
  size: number,
  b: number,
): Float64Array {
  const out = new Float64Array(b * size);
  for (let j = 0; j < b; j++) {
    const o = out.subarray(j * size, (j + 1) * size);
    for (let i = 0; i < b; i++) {
      const c = w.get(i, j);
      const v = x.subarray(i * size, (i + 1) * size);
      for (let t = 0; t < size; t++) o[t] += c * v[t];
    }
  }
  return out;
}

/** The k largest eigenpairs of the symmetric `size`×`size` matrix `a` (row-major, full). */
export function topEigen(
  a: Float64Array,
  size: number,
  k: number,
): EigenPair[] {
  const b = k + EXTRA;
  if (3 * b > size) return fullEigen(a, size, k);
  const rng = createRng(START_SEED);
  let q: Float64Array = Float64Array.from(
    { length: b * size },
    () => rng.normal(),
  );
  orthonormalize(q, size, b);
  const maxIterations = Math.max(20, Math.floor((2 * size) / b));
  for (let it = 0; it < maxIterations; it++) {
    const z = multiply(a, q, size, b); // A·Q
    const t = new Matrix(b, b); // Qᵀ·A·Q
    for (let i = 0; i < b; i++) {
      for (let j = 0; j < b; j++) {
        let dot = 0;
        for (let s = 0; s < size; s++) dot += q[i * size + s] * z[j * size + s];
        t.set(i, j, dot);
      }
    }
    const small = new EigenvalueDecomposition(t.add(t.transpose()).div(2), {
      assumeSymmetric: true,
    });
    const values = small.realEigenvalues;
    const order = values.map((_, i) => i).sort((x, y) => values[y] - values[x]);
    const w = new Matrix(b, b);
    order.forEach((src, dst) =>
      w.setColumn(dst, small.eigenvectorMatrix.getColumn(src))
    );
    const v = combine(q, w, size, b); // Ritz vectors
    const av = combine(z, w, size, b); // A·(Ritz vectors)
    const top = Math.abs(values[order[0]]);
    let worst = 0;
    for (let j = 0; j < k; j++) {
      const lambda = values[order[j]];
      let r = 0;
      for (let s = 0; s < size; s++) {
        const d = av[j * size + s] - lambda * v[j * size + s];
        r += d * d;
      }
      worst = Math.max(worst, Math.sqrt(r));
    }
    if (worst <= RTOL * top) {
      return order.slice(0, k).map((src, j) => ({
        value: values[src],
        vector: v.slice(j * size, (j + 1) * size),
      }));
    }
    q = av;
    orthonormalize(q, size, b);
  }
  return fullEigen(a, size, k);
}
