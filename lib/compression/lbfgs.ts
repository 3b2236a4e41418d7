/**
 * L-BFGS as PyTorch's `torch.optim.LBFGS` runs it with its defaults and no
 * line search, the optimizer of the QIANets "annealing" factorization (notes
 * §2 Step 3 and §8 "LBFGS"): two-loop recursion over up to 100 curvature
 * pairs, a first step t = min(1, 1/‖g‖₁)·lr, then t = lr, and PyTorch's stop
 * tests. There is no annealing schedule: the code calls `.step()` once.
 *
 * @module
 */

/** Loss and gradient at x: writes ∇f(x) into `grad`, returns f(x). */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

/** Options of {@linkcode lbfgs}; defaults are PyTorch's. */
export interface LbfgsOptions {
  /** Step size. @default {1} */
  lr?: number;
  /** Iterations per call (`max_iter`). @default {20} */
  maxIter?: number;
  /** Function evaluations per call (`max_eval`). @default {maxIter·5/4} */
  maxEval?: number;
  /** Stop when max |g| ≤ this (`tolerance_grad`). @default {1e-7} */
  toleranceGrad?: number;
  /** Stop when a step or loss change is ≤ this (`tolerance_change`). @default {1e-9} */
  toleranceChange?: number;
  /** Curvature pairs kept (`history_size`). @default {100} */
  historySize?: number;
}

/** What {@linkcode lbfgs} returns. */
export interface LbfgsResult {
  /** Loss at the start. */
  initialLoss: number;
  /** Loss at the last evaluation (PyTorch skips evaluating after the final step). */
  loss: number;
  /** Iterations taken. */
  iterations: number;
  /** Objective evaluations. */
  evaluations: number;
}

/**
 * Minimises f from x in place with PyTorch's L-BFGS step (no line search).
 *
 * @param f Loss and gradient.
 * @param x Start point; updated in place to the final iterate.
 * @param options Step size, iteration budget and tolerances.
 * @returns Losses and counts.
 *
 * @example Minimum of (x − 3)²
 * ```ts
 * import assert from "node:assert/strict";
 * import { lbfgs } from "./lbfgs.ts";
 * const x = new Float64Array([0]);
 * lbfgs((p, g) => { g[0] = 2 * (p[0] - 3); return (p[0] - 3) ** 2; }, x);
 * assert.ok(Math.abs(x[0] - 3) < 1e-6);
 * ```
 */
export function lbfgs(
  f: Objective,
  x: Float64Array,
  options: LbfgsOptions = {},
): LbfgsResult {
  const {
    lr = 1,
    maxIter = 20,
    toleranceGrad = 1e-7,
    toleranceChange = 1e-9,
    historySize = 100,
  } = options;
  const maxEval = options.maxEval ?? Math.floor(maxIter * 5 / 4);
  const n = x.length;
  let g = new Float64Array(n);
  let loss = f(x, g);
  const initialLoss = loss;
  let evaluations = 1;
  if (maxAbs(g) <= toleranceGrad) {
    return { initialLoss, loss, iterations: 0, evaluations };
  }

  const oldDirs: Float64Array[] = []; // y_i = g_{i+1} − g_i
  const oldSteps: Float64Array[] = []; // s_i = t·d_i
  const ro: number[] = []; // 1 / y_iᵀs_i
  const d = new Float64Array(n);
  let prevG = new Float64Array(n);
  let hDiag = 1;
  let t = 0;
  let iterations = 0;
  while (iterations < maxIter) {
    iterations++;
    // 1) Direction: −g first, then the two-loop recursion −H·g
    if (iterations === 1) {
      for (let i = 0; i < n; i++) d[i] = -g[i];
    } else {
      const y = new Float64Array(n);
      const s = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        y[i] = g[i] - prevG[i];
        s[i] = d[i] * t;
      }
      const ys = dot(y, s);
      if (ys > 1e-10) { // accept the pair only with positive curvature
        if (oldDirs.length === historySize) {
          oldDirs.shift();
          oldSteps.shift();
          ro.shift();
        }
        oldDirs.push(y);
        oldSteps.push(s);
        ro.push(1 / ys);
        hDiag = ys / dot(y, y); // H₀ = (yᵀs / yᵀy)·I
      }
      const al = new Float64Array(oldDirs.length);
      for (let i = 0; i < n; i++) d[i] = -g[i];
      for (let k = oldDirs.length - 1; k >= 0; k--) {
        al[k] = dot(oldSteps[k], d) * ro[k];
        axpy(-al[k], oldDirs[k], d);
      }
      for (let i = 0; i < n; i++) d[i] *= hDiag;
      for (let k = 0; k < oldDirs.length; k++) {
        const beta = dot(oldDirs[k], d) * ro[k];
        axpy(al[k] - beta, oldSteps[k], d);
      }
    }
    prevG = g;
    const prevLoss = loss;
    // 2) Step length: min(1, 1/‖g‖₁)·lr on the first iteration, lr afterwards
    t = iterations === 1 ? Math.min(1, 1 / sumAbs(g)) * lr : lr;
    if (dot(g, d) > -toleranceChange) break; // not a descent direction
    // 3) Fixed step, no line search: x ← x + t·d
    axpy(t, d, x);
    let optimal = false;
    if (iterations !== maxIter) {
      g = new Float64Array(n);
      loss = f(x, g);
      evaluations++;
      optimal = maxAbs(g) <= toleranceGrad;
    }
    // 4) PyTorch's stop tests, in its order
    if (iterations === maxIter || evaluations >= maxEval || optimal) break;
    if (maxAbs(d) * Math.abs(t) <= toleranceChange) break;
    if (Math.abs(loss - prevLoss) < toleranceChange) break;
  }
  return { initialLoss, loss, iterations, evaluations };
}

function dot(a: Float64Array, b: Float64Array): number {
  let acc = 0;
  for (let i = 0; i < a.length; i++) acc += a[i] * b[i];
  return acc;
}

function axpy(alpha: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += alpha * x[i];
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

function sumAbs(a: Float64Array): number {
  let acc = 0;
  for (let i = 0; i < a.length; i++) acc += Math.abs(a[i]);
  return acc;
}
