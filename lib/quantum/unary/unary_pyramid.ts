/**
 * Unary fast path for loader + RBS pyramid circuits (issue 4 item 5; qdrop.md §1.7).
 *
 * A circuit of X and RBS gates started from |0…0⟩ with one X keeps a single excitation, so it
 * lives in the n-dimensional unary subspace: amplitude y_j on e_j (only qubit j set). An RBS(φ)
 * on (a, a+1) is then the Givens rotation y_a ← cos φ·y_a − sin φ·y_{a+1},
 * y_{a+1} ← sin φ·y_a + cos φ·y_{a+1} (qdrop.md §1.2), O(1) per gate instead of O(2^n).
 * Readouts: ⟨Z_w⟩ = 1 − 2·y_w² (qdrop.md §1.5) or probabilities y_w² (W4).
 *
 * Gradients are exact: ∂G(φ)/∂φ·y_prev = (−y_b, y_a) in terms of the rotated pair, and the
 * previous state is recovered by the transpose rotation, so the backward pass stores nothing.
 *
 * @module
 */

import {
  arccosAngles,
  arccosAnglesVjp,
  atan2AnglesVjp,
  atan2CosSin,
  normalizeRow,
  normalizeRowVjp,
} from "../encoders/_unary_math.ts";
import type { UnaryLoaderKind } from "../encoders/unary_loader.ts";
import {
  type PyramidLayout,
  rbsPyramidPairs,
} from "../templates/rbs_pyramid.ts";

/** Options of {@linkcode unaryPyramid}. */
export interface UnaryPyramidOptions {
  /** Number of wires n = features per sample. */
  nQubits: number;
  /** Pyramid gate order. @default "qdrop" */
  layout?: PyramidLayout;
  /** Loader angle map. @default "arccos" for layout "qdrop", "atan2" for "w4" */
  loader?: UnaryLoaderKind;
  /** Times every loader and pyramid gate is applied (2 = Q-Drop's code, qdrop.md §1.6). @default 1 */
  repeat?: 1 | 2;
  /** [P] per pyramid gate, 0 = gate dropped (identity, zero gradient). @default all kept */
  gateMask?: Uint8Array;
  /**
   * [n] per output wire, 0 = output replaced by 0 with zero gradient (Q-Drop dropout forward,
   * qdrop.md §3.1: the dropped wire's ⟨Z⟩ becomes 0, no rescaling). @default all kept
   */
  wireMask?: Uint8Array;
  /** "z": ⟨Z_w⟩ = 1 − 2y_w²; "probs": y_w². @default "z" */
  readout?: "z" | "probs";
}

/** Options of {@linkcode unaryPyramidVjp}: those of the forward pass plus the cotangent. */
export interface UnaryPyramidVjpOptions extends UnaryPyramidOptions {
  /** ∂L/∂out, row-major [B, n]. */
  dOut: ArrayLike<number>;
}

/** Result of {@linkcode unaryPyramidVjp}. */
export interface UnaryPyramidVjp {
  /** Outputs [B, n]. */
  out: Float64Array;
  /** ∂L/∂x [B, n] (through normalisation and loader angles). */
  dx: Float64Array;
  /** ∂L/∂θ [P], summed over the batch. */
  dTheta: Float64Array;
}

interface Plan {
  n: number;
  b: number;
  p: number;
  r: number;
  pairs: Uint32Array;
  cos: Float64Array;
  sin: Float64Array;
  mask: Uint8Array | undefined;
  wireMask: Uint8Array | undefined;
  atan2: boolean;
  probs: boolean;
}

function makePlan(
  x: ArrayLike<number>,
  theta: ArrayLike<number>,
  options: UnaryPyramidOptions,
): Plan {
  const { nQubits: n, layout = "qdrop", repeat = 1, gateMask, readout = "z" } =
    options;
  const loader = options.loader ?? (layout === "qdrop" ? "arccos" : "atan2");
  const pairs = rbsPyramidPairs(n, { layout });
  const p = pairs.length;
  if (x.length % n !== 0) {
    throw new RangeError(
      `Cannot run unary pyramid: x length expected a multiple of ${n}, got ${x.length}`,
    );
  }
  if (theta.length !== p) {
    throw new RangeError(
      `Cannot run unary pyramid: theta expected ${p} angles for ${n} wires, got ${theta.length}`,
    );
  }
  if (gateMask !== undefined && gateMask.length !== p) {
    throw new RangeError(
      `Cannot run unary pyramid: gateMask expected length ${p}, got ${gateMask.length}`,
    );
  }
  const { wireMask } = options;
  if (wireMask !== undefined && wireMask.length !== n) {
    throw new RangeError(
      `Cannot run unary pyramid: wireMask expected length ${n}, got ${wireMask.length}`,
    );
  }
  if (repeat !== 1 && repeat !== 2) {
    throw new RangeError(
      `Cannot run unary pyramid: repeat expected 1 or 2, got ${repeat}`,
    );
  }
  const cos = new Float64Array(p), sin = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    const kept = gateMask === undefined || gateMask[k] !== 0;
    cos[k] = kept ? Math.cos(repeat * theta[k]) : 1;
    sin[k] = kept ? Math.sin(repeat * theta[k]) : 0;
  }
  return {
    n,
    b: x.length / n,
    p,
    r: repeat,
    pairs,
    cos,
    sin,
    mask: gateMask,
    wireMask,
    atan2: loader === "atan2",
    probs: readout === "probs",
  };
}

class Scratch {
  y: Float64Array;
  g: Float64Array;
  xhat: Float64Array;
  gXhat: Float64Array;
  alpha: Float64Array;
  gAlpha: Float64Array;
  u: Float64Array;
  prod: Float64Array;
  /** cos and sin of the applied loader angles r·α_k. */
  lc: Float64Array;
  ls: Float64Array;
  constructor(n: number) {
    this.lc = new Float64Array(n);
    this.ls = new Float64Array(n);
    this.y = new Float64Array(n);
    this.g = new Float64Array(n);
    this.xhat = new Float64Array(n);
    this.gXhat = new Float64Array(n);
    this.alpha = new Float64Array(n);
    this.gAlpha = new Float64Array(n);
    this.u = new Float64Array(n);
    this.prod = new Float64Array(n);
  }
}

/** Loader then pyramid for sample s; leaves y, lc, ls (and alpha, xhat, u, prod) in scratch. */
function forwardSample(
  plan: Plan,
  x: ArrayLike<number>,
  s: number,
  w: Scratch,
): number {
  const { n, p, r, pairs, cos, sin } = plan;
  const { y, alpha, lc, ls } = w;
  let norm = 1;
  if (plan.atan2) atan2CosSin(x, s * n, n, lc, ls); // cos α, sin α without trigonometry
  else {
    norm = normalizeRow(x, s * n, n, w.xhat);
    arccosAngles(w.xhat, n, alpha, w.u, w.prod);
    for (let k = 0; k < n - 1; k++) {
      lc[k] = Math.cos(alpha[k]);
      ls[k] = Math.sin(alpha[k]);
    }
  }
  if (r === 2) {
    for (let k = 0; k < n - 1; k++) {
      const c = lc[k], sn = ls[k]; // cos 2α = c² − s², sin 2α = 2sc
      lc[k] = c * c - sn * sn;
      ls[k] = 2 * sn * c;
    }
  }
  y.fill(0);
  y[0] = 1; // X on wire 0
  for (let k = 0; k < n - 1; k++) {
    const c = lc[k], sn = ls[k];
    const ya = y[k], yb = y[k + 1];
    y[k] = c * ya - sn * yb;
    y[k + 1] = sn * ya + c * yb;
  }
  for (let k = 0; k < p; k++) {
    const a = pairs[k], c = cos[k], sn = sin[k];
    const ya = y[a], yb = y[a + 1];
    y[a] = c * ya - sn * yb;
    y[a + 1] = sn * ya + c * yb;
  }
  return norm;
}

/**
 * Reverse a Givens rotation G(φ) on (a, a+1): returns ∂L/∂φ = −g_a·y_b + g_b·y_a (post-gate y),
 * then sets y ← Gᵀy and g ← Gᵀg.
 */
function reverseRotation(
  y: Float64Array,
  g: Float64Array,
  a: number,
  c: number,
  sn: number,
): number {
  const ya = y[a], yb = y[a + 1], ga = g[a], gb = g[a + 1];
  const dPhi = -ga * yb + gb * ya;
  y[a] = c * ya + sn * yb;
  y[a + 1] = -sn * ya + c * yb;
  g[a] = c * ga + sn * gb;
  g[a + 1] = -sn * ga + c * gb;
  return dPhi;
}

/**
 * Outputs of loader + RBS pyramid for a batch, in the unary subspace.
 *
 * @param x Raw features, row-major [B, n].
 * @param theta Pyramid angles [P], P = n(n−1)/2.
 * @param options Wire count, layout, loader, repetition, gate mask and readout.
 * @returns Outputs, row-major [B, n].
 * @throws {RangeError} On inconsistent lengths or an invalid repeat.
 *
 * @example Identity pyramid: ⟨Z_w⟩ = 1 − 2x̂_w²
 * ```ts
 * import assert from "node:assert/strict";
 * import { unaryPyramid } from "./unary_pyramid.ts";
 * const out = unaryPyramid(Float64Array.from([3, 4]), [0], { nQubits: 2, layout: "w4" });
 * assert.ok(Math.abs(out[0] - (1 - 2 * 0.36)) < 1e-12 && Math.abs(out[1] - (1 - 2 * 0.64)) < 1e-12);
 * ```
 */
export function unaryPyramid(
  x: ArrayLike<number>,
  theta: ArrayLike<number>,
  options: UnaryPyramidOptions,
): Float64Array {
  const plan = makePlan(x, theta, options);
  const { n, b } = plan;
  const out = new Float64Array(b * n);
  const w = new Scratch(n);
  for (let s = 0; s < b; s++) {
    forwardSample(plan, x, s, w);
    for (let j = 0; j < n; j++) {
      const y2 = w.y[j] * w.y[j];
      const kept = plan.wireMask === undefined || plan.wireMask[j] !== 0;
      out[s * n + j] = kept ? (plan.probs ? y2 : 1 - 2 * y2) : 0;
    }
  }
  return out;
}

/**
 * Outputs and vector-Jacobian product of {@linkcode unaryPyramid} in one pass per sample.
 *
 * @param x Raw features, row-major [B, n].
 * @param theta Pyramid angles [P].
 * @param options Forward options plus `dOut` = ∂L/∂out [B, n].
 * @returns `{ out, dx, dTheta }`.
 * @throws {RangeError} On inconsistent lengths.
 *
 * @example Matches a finite difference in θ
 * ```ts
 * import assert from "node:assert/strict";
 * import { unaryPyramid, unaryPyramidVjp } from "./unary_pyramid.ts";
 * const x = [0.3, -0.5, 0.8], th = [0.1, 0.2, 0.3], dOut = [1, 2, 3];
 * const opts = { nQubits: 3, layout: "w4" } as const;
 * const { dTheta } = unaryPyramidVjp(x, th, { ...opts, dOut });
 * const loss = (t: number[]) => unaryPyramid(x, t, opts).reduce((a, v, j) => a + v * dOut[j], 0);
 * const fd = (loss([0.1 + 1e-6, 0.2, 0.3]) - loss([0.1 - 1e-6, 0.2, 0.3])) / 2e-6;
 * assert.ok(Math.abs(dTheta[0] - fd) < 1e-7);
 * ```
 */
export function unaryPyramidVjp(
  x: ArrayLike<number>,
  theta: ArrayLike<number>,
  options: UnaryPyramidVjpOptions,
): UnaryPyramidVjp {
  const plan = makePlan(x, theta, options);
  const { n, b, p, r, pairs, cos, sin, mask } = plan;
  const { dOut } = options;
  if (dOut.length !== b * n) {
    throw new RangeError(
      `Cannot run unary pyramid backward: dOut expected length ${
        b * n
      }, got ${dOut.length}`,
    );
  }
  const out = new Float64Array(b * n), dx = new Float64Array(b * n);
  const dTheta = new Float64Array(p);
  const w = new Scratch(n);
  const { y, g, alpha, gAlpha } = w;
  for (let s = 0; s < b; s++) {
    const norm = forwardSample(plan, x, s, w);
    for (let j = 0; j < n; j++) {
      const y2 = y[j] * y[j], d = dOut[s * n + j];
      const kept = plan.wireMask === undefined || plan.wireMask[j] !== 0;
      out[s * n + j] = kept ? (plan.probs ? y2 : 1 - 2 * y2) : 0;
      g[j] = kept ? (plan.probs ? 2 * y[j] * d : -4 * y[j] * d) : 0; // ∂out/∂y_j
    }
    for (let k = p - 1; k >= 0; k--) {
      const dPhi = reverseRotation(y, g, pairs[k], cos[k], sin[k]);
      if (mask === undefined || mask[k] !== 0) dTheta[k] += r * dPhi;
    }
    for (let k = n - 2; k >= 0; k--) {
      gAlpha[k] = r * reverseRotation(y, g, k, w.lc[k], w.ls[k]);
    }
    if (plan.atan2) atan2AnglesVjp(x, s * n, n, gAlpha, dx, s * n, w.u);
    else {
      arccosAnglesVjp(w.xhat, n, alpha, w.u, w.prod, gAlpha, w.gXhat);
      normalizeRowVjp(w.xhat, norm, n, w.gXhat, dx, s * n);
    }
  }
  return { out, dx, dTheta };
}
