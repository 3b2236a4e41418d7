import assert from "node:assert/strict";
import {
  ci95,
  mean,
  studentTCdf,
  studentTQuantile,
  variance,
  welchTest,
} from "../../lib/report/stats.ts";

// Golden values from scipy 1.17.1 (stats.t.ppf, stats.t.cdf, stats.ttest_ind(equal_var=False)).
const T975: [number, number][] = [
  [1, 12.706204736174694],
  [2, 4.302652729749462],
  [4, 2.7764451051977934],
  [10, 2.228138851986274],
  [30, 2.0422724563012378],
  [2.5, 3.5746548420036817],
];

Deno.test("studentTQuantile() matches scipy's t.ppf(0.975) for integer and fractional df", () => {
  for (const [df, expected] of T975) {
    assert.ok(
      Math.abs(studentTQuantile(0.975, df) - expected) < 1e-9,
      `df ${df}`,
    );
  }
});

Deno.test("studentTQuantile() tends to the normal 1.959964 when df is large", () => {
  assert.ok(Math.abs(studentTQuantile(0.975, 1e7) - 1.959963984540054) < 1e-6);
});

Deno.test("studentTCdf() matches scipy and is symmetric about zero", () => {
  assert.ok(Math.abs(studentTCdf(-2.0, 3.7) - 0.06090860095261699) < 1e-10);
  assert.equal(studentTCdf(0, 5), 0.5);
  assert.ok(Math.abs(studentTCdf(1.3, 7) + studentTCdf(-1.3, 7) - 1) < 1e-14);
});

Deno.test("studentTQuantile() inverts studentTCdf() when p is in a tail", () => {
  for (const p of [0.001, 0.2, 0.6, 0.999]) {
    assert.ok(Math.abs(studentTCdf(studentTQuantile(p, 3), 3) - p) < 1e-10);
  }
});

Deno.test("studentTQuantile() throws RangeError when p or df is out of range", () => {
  assert.throws(() => studentTQuantile(1, 3), {
    name: "RangeError",
    message: /expected 0 < p < 1, got 1/,
  });
  assert.throws(() => studentTQuantile(0.5, 0), {
    name: "RangeError",
    message: /expected df > 0, got 0/,
  });
  assert.throws(() => studentTCdf(0.5, -1), {
    name: "RangeError",
    message: /expected df > 0, got -1/,
  });
});

Deno.test("mean() and variance() give NaN when there are too few samples", () => {
  assert.ok(Number.isNaN(mean([])));
  assert.ok(Number.isNaN(variance([1])));
  assert.equal(variance(new Float64Array([2, 4, 4, 4, 5, 5, 7, 9])), 32 / 7);
});

Deno.test("ci95() gives mean ± t·s/√n when there are several seeds", () => {
  const r = ci95([1, 2, 3, 4, 5]);
  assert.equal(r.mean, 3);
  const expected = 2.7764451051977934 * Math.sqrt(2.5) / Math.sqrt(5);
  assert.ok(Math.abs(r.halfWidth - expected) < 1e-9);
  assert.ok(Math.abs(r.hi - r.lo - 2 * expected) < 1e-9);
});

Deno.test("ci95() leaves the interval NaN when there is a single seed", () => {
  const r = ci95([0.9]);
  assert.equal(r.n, 1);
  assert.equal(r.mean, 0.9);
  assert.ok(Number.isNaN(r.halfWidth) && Number.isNaN(r.lo));
});

Deno.test("welchTest() matches scipy ttest_ind(equal_var=False) when variances differ", () => {
  const r = welchTest([0.91, 0.93, 0.92, 0.95], [0.88, 0.90, 0.89]);
  assert.ok(Math.abs(r.t - 3.6380343755449958) < 1e-9);
  assert.ok(Math.abs(r.df - 4.84959602237415) < 1e-9);
  assert.ok(Math.abs(r.p - 0.015752005371269483) < 1e-9);
  assert.ok(Math.abs(r.lo - 0.010753961409800176) < 1e-9);
  assert.ok(Math.abs(r.hi - 0.06424603859019978) < 1e-9);
});

Deno.test("welchTest() throws RangeError when a sample is too small or both are constant", () => {
  assert.throws(() => welchTest([1], [1, 2]), {
    name: "RangeError",
    message: /at least 2 samples each, got 1 and 2/,
  });
  assert.throws(() => welchTest([1, 1], [2, 2]), {
    name: "RangeError",
    message: /non-zero variance/,
  });
});
