/**
 * Statistics for seeds: mean, 95% confidence intervals with Student's t, and
 * Welch's unequal-variance t test for "beats the baseline".
 *
 * @module
 */

/** A mean with its two-sided 95% confidence interval over `n` samples. */
export interface MeanCi {
  /** Number of samples. */
  n: number;
  /** Sample mean (NaN when n = 0). */
  mean: number;
  /** Sample standard deviation, n − 1 denominator (NaN when n < 2). */
  std: number;
  /** Half-width of the 95% interval, t₀.₉₇₅,ₙ₋₁·s/√n (NaN when n < 2). */
  halfWidth: number;
  /** mean − halfWidth. */
  lo: number;
  /** mean + halfWidth. */
  hi: number;
}

/** Result of {@linkcode welchTest}. */
export interface WelchResult {
  /** mean(a) − mean(b). */
  diff: number;
  /** Lower end of the 95% interval of the difference. */
  lo: number;
  /** Upper end of the 95% interval of the difference. */
  hi: number;
  /** Welch t statistic. */
  t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  /** Two-sided p-value. */
  p: number;
}

/**
 * Arithmetic mean.
 *
 * @param xs Samples.
 * @returns The mean, or NaN for no samples.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mean } from "./stats.ts";
 * assert.equal(mean([1, 2, 3, 6]), 3);
 * ```
 */
export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return xs.length === 0 ? NaN : s / xs.length;
}

/**
 * Sample variance with the n − 1 denominator.
 *
 * @param xs Samples.
 * @returns The unbiased variance, or NaN for fewer than two samples.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { variance } from "./stats.ts";
 * assert.equal(variance([1, 2, 3, 4]), 5 / 3);
 * ```
 */
export function variance(xs: ArrayLike<number>): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return s / (xs.length - 1);
}

// ln Γ(x) by the Lanczos approximation (g = 7, n = 9; Numerical Recipes §6.1).
const LANCZOS = [
  0.99999999999980993,
  676.5203681218851,
  -1259.1392167224028,
  771.32342877765313,
  -176.61502916214059,
  12.507343278686905,
  -0.13857109526572012,
  9.9843695780195716e-6,
  1.5056327351493116e-7,
];
function logGamma(x: number): number {
  if (x < 0.5) {
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  x -= 1;
  let a = LANCZOS[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t +
    Math.log(a);
}

// Continued fraction of the incomplete beta function (Lentz; Numerical Recipes §6.4).
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - (a + b) * x / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    for (
      const aa of [
        m * (b - m) * x / ((a + m2 - 1) * (a + m2)),
        -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1)),
      ]
    ) {
      d = 1 + aa * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + aa / c;
      if (Math.abs(c) < tiny) c = tiny;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return h;
}

// Regularised incomplete beta I_x(a, b).
function incompleteBeta(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) +
    a * Math.log(x) + b * Math.log(1 - x);
  if (x < (a + 1) / (a + b + 2)) {
    return Math.exp(lnFront) * betaContinuedFraction(a, b, x) / a;
  }
  return 1 - Math.exp(lnFront) * betaContinuedFraction(b, a, 1 - x) / b;
}

/**
 * Cumulative distribution function of Student's t.
 *
 * @param t The statistic.
 * @param df Degrees of freedom (> 0, not necessarily an integer).
 * @returns P(T ≤ t).
 * @throws {RangeError} If `df` is not positive.
 *
 * @example One degree of freedom is the Cauchy distribution
 * ```ts
 * import assert from "node:assert/strict";
 * import { studentTCdf } from "./stats.ts";
 * assert.ok(Math.abs(studentTCdf(1, 1) - 0.75) < 1e-12);
 * ```
 */
export function studentTCdf(t: number, df: number): number {
  if (!(df > 0)) {
    throw new RangeError(
      `Cannot evaluate Student t: expected df > 0, got ${df}`,
    );
  }
  const tail = 0.5 * incompleteBeta(df / 2, 0.5, df / (df + t * t));
  return t >= 0 ? 1 - tail : tail;
}

/**
 * Quantile of Student's t distribution (inverse CDF, by bisection).
 *
 * @param p Probability in (0, 1).
 * @param df Degrees of freedom (> 0).
 * @returns t with P(T ≤ t) = p, to about 1e-12.
 * @throws {RangeError} If `p` is outside (0, 1) or `df` is not positive.
 *
 * @example The familiar 95% two-sided critical value for 4 degrees of freedom
 * ```ts
 * import assert from "node:assert/strict";
 * import { studentTQuantile } from "./stats.ts";
 * assert.ok(Math.abs(studentTQuantile(0.975, 4) - 2.776445) < 1e-6);
 * ```
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) {
    throw new RangeError(
      `Cannot invert Student t: expected 0 < p < 1, got ${p}`,
    );
  }
  if (!(df > 0)) {
    throw new RangeError(`Cannot invert Student t: expected df > 0, got ${df}`);
  }
  let lo = -1;
  let hi = 1;
  while (studentTCdf(lo, df) > p) lo *= 2;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * Math.max(1, Math.abs(lo)); i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Mean and two-sided 95% confidence interval with Student's t (n − 1 degrees of
 * freedom): mean ± t₀.₉₇₅,ₙ₋₁ · s / √n.
 *
 * @param xs Samples, e.g. one final accuracy per seed.
 * @returns Mean, std and interval; the interval is NaN for fewer than 2 samples.
 *
 * @example Three seeds
 * ```ts
 * import assert from "node:assert/strict";
 * import { ci95 } from "./stats.ts";
 * const r = ci95([0.90, 0.92, 0.94]);
 * assert.ok(Math.abs(r.mean - 0.92) < 1e-12);
 * // s = 0.02, t(0.975, 2) = 4.302653
 * assert.ok(Math.abs(r.halfWidth - 4.302653 * 0.02 / Math.sqrt(3)) < 1e-6);
 * ```
 */
export function ci95(xs: ArrayLike<number>): MeanCi {
  const n = xs.length;
  const m = mean(xs);
  const std = Math.sqrt(variance(xs));
  const halfWidth = n < 2
    ? NaN
    : studentTQuantile(0.975, n - 1) * std / Math.sqrt(n);
  return { n, mean: m, std, halfWidth, lo: m - halfWidth, hi: m + halfWidth };
}

/**
 * Welch's unequal-variance t test of mean(a) − mean(b), with its 95% interval.
 * "a beats b with 95% confidence" reads `welchTest(a, b).lo > 0`.
 *
 * @param a Samples of the candidate (≥ 2).
 * @param b Samples of the baseline (≥ 2).
 * @returns Difference, its 95% interval, t, Welch–Satterthwaite df and two-sided p.
 * @throws {RangeError} If either sample has fewer than two values or both have
 *   zero variance.
 *
 * @example A clear improvement
 * ```ts
 * import assert from "node:assert/strict";
 * import { welchTest } from "./stats.ts";
 * const r = welchTest([0.95, 0.96, 0.97], [0.90, 0.91, 0.92]);
 * assert.ok(Math.abs(r.diff - 0.05) < 1e-12);
 * assert.ok(r.lo > 0 && r.p < 0.01);
 * ```
 */
export function welchTest(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): WelchResult {
  if (a.length < 2 || b.length < 2) {
    throw new RangeError(
      `Cannot run Welch test: expected at least 2 samples each, got ${a.length} and ${b.length}`,
    );
  }
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  const se = Math.sqrt(va + vb);
  if (se === 0) {
    throw new RangeError(
      "Cannot run Welch test: expected non-zero variance, got 0 in both samples",
    );
  }
  const diff = mean(a) - mean(b);
  const df = (va + vb) ** 2 /
    (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const t = diff / se;
  const half = studentTQuantile(0.975, df) * se;
  const p = 2 * (1 - studentTCdf(Math.abs(t), df));
  return { diff, lo: diff - half, hi: diff + half, t, df, p };
}
