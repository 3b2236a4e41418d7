/**
 * The "quantum-annealing-inspired" factorization of QIANets (arXiv
 * 2410.10318 §3.3; notes §1.3, §2 Step 3, §8): W ≈ W1·W2 with
 * W1 ∈ ℝ^{m×r}, W2 ∈ ℝ^{r×n}, both started at N(0, 1) whatever the weight
 * scale, minimising the mean squared error by one PyTorch-style L-BFGS call
 * (20 iterations, no line search, no annealing schedule).
 *
 * @module
 */

import type { Rng } from "../runtime/mod.ts";
import { lbfgs, type LbfgsOptions } from "./lbfgs.ts";

/** Options of {@linkcode annealingFactorize}. */
export interface AnnealingOptions {
  /** Inner rank r of W1·W2. */
  rank: number;
  /** Stream for the N(0, 1) initial factors. */
  rng: Rng;
  /** L-BFGS settings; the code uses PyTorch's defaults (20 iterations). @default {{}} */
  lbfgs?: LbfgsOptions;
}

/** What {@linkcode annealingFactorize} returns. */
export interface AnnealingResult {
  /** `[m, r]` row-major. */
  w1: Float64Array;
  /** `[r, n]` row-major. */
  w2: Float64Array;
  /** W_c = W1·W2, `[m, n]`, the weight written back. */
  product: Float64Array;
  /** Mean squared error at the start (random factors). */
  initialMse: number;
  /** Mean squared error of the final W1·W2. */
  mse: number;
  /** ‖W − W1W2‖_F / ‖W‖_F (notes §2 reports 0.83–0.999 for real layer scales). */
  relativeError: number;
  /** L-BFGS iterations taken. */
  iterations: number;
}

/**
 * Factorizes W ≈ W1·W2 from random N(0, 1) factors by L-BFGS on
 * L = (1/mn)·‖W1W2 − W‖²_F, with ∂L/∂W1 = (2/mn)·E·W2ᵀ and
 * ∂L/∂W2 = (2/mn)·W1ᵀ·E, E = W1W2 − W.
 *
 * @param target Row-major W, `[m, n]`.
 * @param shape `[m, n]`.
 * @param options Rank, rng and L-BFGS settings.
 * @returns Factors, product and errors.
 * @throws {RangeError} If the sizes disagree or the rank is not a positive integer.
 *
 * @example The loss falls from its random start
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRng } from "../runtime/mod.ts";
 * import { annealingFactorize } from "./annealing_factorization.ts";
 * const w = Float64Array.from({ length: 12 }, (_, i) => Math.cos(i));
 * const r = annealingFactorize(w, [3, 4], { rank: 2, rng: createRng(0) });
 * assert.ok(r.mse < r.initialMse);
 * ```
 */
export function annealingFactorize(
  target: ArrayLike<number>,
  shape: [m: number, n: number],
  options: AnnealingOptions,
): AnnealingResult {
  const [m, n] = shape;
  const { rank: r, rng } = options;
  if (target.length !== m * n) {
    throw new RangeError(
      `Cannot factorize: expected ${
        m * n
      } values for shape [${m}, ${n}], got ${target.length}`,
    );
  }
  if (!Number.isInteger(r) || r < 1) {
    throw new RangeError(
      `Cannot factorize: expected a positive integer rank, got ${r}`,
    );
  }
  // x = [vec(W1) (m·r), vec(W2) (r·n)], W1, W2 ~ N(0, 1) (code: torch.randn)
  const x = new Float64Array(m * r + r * n);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const product = new Float64Array(m * n);
  const objective = (p: Float64Array, grad: Float64Array): number => {
    const w1 = p.subarray(0, m * r);
    const w2 = p.subarray(m * r);
    multiply(w1, w2, product, [m, r, n]);
    const scale = 2 / (m * n);
    let sum = 0;
    for (let i = 0; i < m * n; i++) {
      const e = product[i] - target[i]; // E = W1W2 − W, kept in `product`
      sum += e * e;
      product[i] = e * scale;
    }
    gradients(product, { w1, w2, grad, shape: [m, r, n] });
    return sum / (m * n);
  };
  const grad = new Float64Array(x.length);
  const initialMse = objective(x, grad);
  const run = lbfgs(objective, x, options.lbfgs);
  const w1 = x.slice(0, m * r);
  const w2 = x.slice(m * r);
  multiply(w1, w2, product, [m, r, n]);
  let err = 0;
  let norm = 0;
  for (let i = 0; i < m * n; i++) {
    err += (product[i] - target[i]) ** 2;
    norm += target[i] ** 2;
  }
  return {
    w1,
    w2,
    product,
    initialMse,
    mse: err / (m * n),
    relativeError: norm > 0 ? Math.sqrt(err / norm) : Math.sqrt(err),
    iterations: run.iterations,
  };
}

/** out[m,n] = a[m,r]·b[r,n]. */
function multiply(
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  [m, r, n]: [number, number, number],
): void {
  out.fill(0);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < r; j++) {
      const aij = a[i * r + j];
      const row = j * n;
      const base = i * n;
      for (let c = 0; c < n; c++) out[base + c] += aij * b[row + c];
    }
  }
}

/** ∂L/∂W1 = G·W2ᵀ and ∂L/∂W2 = W1ᵀ·G for G = ∂L/∂(W1W2). */
function gradients(
  g: Float64Array,
  args: {
    w1: Float64Array;
    w2: Float64Array;
    grad: Float64Array;
    shape: [number, number, number];
  },
): void {
  const { w1, w2, grad, shape: [m, r, n] } = args;
  grad.fill(0);
  const g2 = grad.subarray(m * r);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < r; j++) {
      let acc = 0;
      const aij = w1[i * r + j];
      for (let c = 0; c < n; c++) {
        const gic = g[i * n + c];
        acc += gic * w2[j * n + c];
        g2[j * n + c] += aij * gic;
      }
      grad[i * r + j] = acc;
    }
  }
}
