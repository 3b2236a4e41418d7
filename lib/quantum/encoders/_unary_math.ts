// Per-sample kernels of the unary loader: normalisation, angles and their vector-Jacobian
// products. Callers own every buffer, so nothing here allocates.

/** tf.math.l2_normalize's epsilon on Σx² (qdrop.md §1.3). */
export const L2_EPS = 1e-12;
/** Floor of 1 − u² in d arccos(u)/du = −1/√(1 − u²) (qdrop.md §1.7: clamp to avoid infinities). */
export const ARCCOS_EPS = 1e-12;

/** x̂ = x / √max(Σx², ε) for one row; returns the divisor. */
export function normalizeRow(
  x: ArrayLike<number>,
  off: number,
  n: number,
  xhat: Float64Array,
): number {
  let ss = 0;
  for (let i = 0; i < n; i++) ss += x[off + i] * x[off + i];
  const norm = Math.sqrt(Math.max(ss, L2_EPS));
  for (let i = 0; i < n; i++) xhat[i] = x[off + i] / norm;
  return norm;
}

/** gx = (gx̂ − x̂·(x̂ᵀgx̂)) / ‖x‖, or gx̂/√ε where the epsilon floor was active. */
export function normalizeRowVjp(
  xhat: Float64Array,
  norm: number,
  n: number,
  gXhat: Float64Array,
  gx: Float64Array,
  gxOff: number,
): void {
  let dot = 0, ss = 0;
  for (let i = 0; i < n; i++) {
    dot += xhat[i] * gXhat[i];
    ss += xhat[i] * xhat[i];
  }
  const project = ss > 0.5 ? dot : 0;
  for (let i = 0; i < n; i++) {
    gx[gxOff + i] = (gXhat[i] - xhat[i] * project) / norm;
  }
}

/**
 * Q-Drop `convert_array` (qdrop.md §1.3): α_i = arccos(x̂_i / P_i), P_i = ∏_{j<i} sin α_j,
 * i = 0 … n−2. The ratio is clamped to [−1, 1] and set to 0 where P_i = 0 (the reference
 * yields NaN there and later zeroes it). Fills alpha [n−1], u [n−1] (ratios), prod [n−1] (P_i).
 */
export function arccosAngles(
  xhat: Float64Array,
  n: number,
  alpha: Float64Array,
  u: Float64Array,
  prod: Float64Array,
): void {
  let p = 1;
  for (let i = 0; i < n - 1; i++) {
    prod[i] = p;
    const ratio = p === 0 ? 0 : xhat[i] / p;
    u[i] = ratio > 1 ? 1 : ratio < -1 ? -1 : ratio;
    alpha[i] = Math.acos(u[i]);
    p *= Math.sin(alpha[i]);
  }
}

/** Backward of {@linkcode arccosAngles}: consumes gAlpha (modified in place), writes gXhat [n]. */
export function arccosAnglesVjp(
  xhat: Float64Array,
  n: number,
  alpha: Float64Array,
  u: Float64Array,
  prod: Float64Array,
  gAlpha: Float64Array,
  gXhat: Float64Array,
): void {
  gXhat.fill(0, 0, n);
  for (let i = n - 2; i >= 0; i--) {
    const p = prod[i];
    if (p === 0 || Math.abs(xhat[i] / p) > 1) continue; // clamped: zero gradient
    // dα/du = −1/√(1−u²); u = x̂_i / P_i
    const gu = -gAlpha[i] / Math.sqrt(Math.max(1 - u[i] * u[i], ARCCOS_EPS));
    gXhat[i] += gu / p;
    const gP = (-gu * u[i]) / p;
    // P_i = ∏_{j<i} sin α_j: ∂P_i/∂α_j = cos α_j · ∏_{k<i, k≠j} sin α_k
    let suffix = 1;
    for (let j = i - 1; j >= 0; j--) {
      gAlpha[j] += gP * Math.cos(alpha[j]) * prod[j] * suffix;
      suffix *= Math.sin(alpha[j]);
    }
  }
}

/**
 * WORKLOADS.md W4 loader: α_k = atan2(√Σ_{j>k} x_j², x_k) for k ≤ n−3 and
 * α_{n−2} = atan2(x_{n−1}, x_{n−2}); scale invariant, so x need not be normalised.
 */
export function atan2Angles(
  x: ArrayLike<number>,
  off: number,
  n: number,
  alpha: Float64Array,
): void {
  let tail = 0;
  for (let k = n - 1; k >= 1; k--) {
    tail += x[off + k] * x[off + k];
    if (k - 1 <= n - 3) {
      alpha[k - 1] = Math.atan2(Math.sqrt(tail), x[off + k - 1]);
    }
  }
  alpha[n - 2] = Math.atan2(x[off + n - 1], x[off + n - 2]);
}

/**
 * cos α_k and sin α_k of {@linkcode atan2Angles} straight from x: α_k = atan2(a, b) has
 * cos = b/√(a² + b²), sin = a/√(a² + b²) (cos 1, sin 0 when a = b = 0, as atan2(0, 0) = 0).
 */
export function atan2CosSin(
  x: ArrayLike<number>,
  off: number,
  n: number,
  c: Float64Array,
  s: Float64Array,
): void {
  const put = (k: number, a: number, b: number) => {
    const r = Math.sqrt(a * a + b * b);
    c[k] = r > 0 ? b / r : 1;
    s[k] = r > 0 ? a / r : 0;
  };
  let tail = 0;
  for (let k = n - 1; k >= 1; k--) {
    tail += x[off + k] * x[off + k];
    if (k - 1 <= n - 3) put(k - 1, Math.sqrt(tail), x[off + k - 1]);
  }
  put(n - 2, x[off + n - 1], x[off + n - 2]);
}

/** Backward of {@linkcode atan2Angles}: writes gx [n] at gxOff from gAlpha [n−1]. */
export function atan2AnglesVjp(
  x: ArrayLike<number>,
  off: number,
  n: number,
  gAlpha: Float64Array,
  gx: Float64Array,
  gxOff: number,
  scratch: Float64Array,
): void {
  // scratch[k] = s_k = √Σ_{j>k} x_j²
  let tail = 0;
  for (let k = n - 1; k >= 1; k--) {
    tail += x[off + k] * x[off + k];
    scratch[k - 1] = Math.sqrt(tail);
  }
  for (let i = 0; i < n; i++) gx[gxOff + i] = 0;
  let carry = 0; // Σ_{k<j, k≤n−3} gs_k / s_k, with gs_k = gα_k·x_k/R_k
  for (let k = 0; k <= n - 3; k++) {
    const s = scratch[k], xk = x[off + k];
    const r = s * s + xk * xk;
    if (r > 0) gx[gxOff + k] += (-gAlpha[k] * s) / r;
    const gs = r > 0 ? (gAlpha[k] * xk) / r : 0;
    gx[gxOff + k] += carry * xk;
    carry += s > 0 ? gs / s : 0;
  }
  for (let j = Math.max(n - 2, 0); j < n; j++) {
    gx[gxOff + j] += carry * x[off + j];
  }
  const a = x[off + n - 1], b = x[off + n - 2];
  const r = a * a + b * b;
  if (r > 0) {
    gx[gxOff + n - 1] += (gAlpha[n - 2] * b) / r;
    gx[gxOff + n - 2] += (-gAlpha[n - 2] * a) / r;
  }
}
