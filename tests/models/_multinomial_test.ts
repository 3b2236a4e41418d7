import assert from "node:assert/strict";
import { createRng } from "../../lib/runtime/mod.ts";
import { binomial, multinomialInto } from "../../lib/models/_multinomial.ts";

/** Exact Binomial(n, p) pmf in log space. */
function binomialPmf(n: number, p: number): Float64Array {
  const pmf = new Float64Array(n + 1);
  let logC = 0; // log C(n, k)
  for (let k = 0; k <= n; k++) {
    if (k > 0) logC += Math.log((n - k + 1) / k);
    pmf[k] = Math.exp(logC + k * Math.log(p) + (n - k) * Math.log1p(-p));
  }
  return pmf;
}

Deno.test("binomial() follows the exact pmf in the BTRS, inversion and p > ½ regimes", () => {
  // n·p ≥ 10 (BTRS), n·p < 10 (inversion), and p > ½ (n − Binomial(n, 1 − p)).
  const cases: [number, number][] = [[5000, 0.3], [3000, 0.004], [40, 0.8], [
    2000,
    0.06,
  ]];
  const nDraws = 40000;
  for (const [n, p] of cases) {
    const rng = createRng(n);
    const hist = new Float64Array(n + 1);
    let sum = 0, sumSq = 0;
    for (let s = 0; s < nDraws; s++) {
      const k = binomial(n, { p, rng });
      assert.ok(Number.isInteger(k) && k >= 0 && k <= n, `${k}`);
      hist[k] += 1 / nDraws;
      sum += k;
      sumSq += k * k;
    }
    const mean = sum / nDraws, variance = sumSq / nDraws - mean * mean;
    const sd = Math.sqrt(n * p * (1 - p));
    // Mean within 5 standard errors; variance within 5 % (its SE is ~0.7 % here).
    assert.ok(
      Math.abs(mean - n * p) < 5 * sd / Math.sqrt(nDraws),
      `n=${n} p=${p} mean ${mean}`,
    );
    assert.ok(
      Math.abs(variance / (sd * sd) - 1) < 0.05,
      `n=${n} p=${p} var ${variance}`,
    );
    // Total variation against the pmf: sampling noise alone gives ≈ √(support / nDraws) / 2.
    const pmf = binomialPmf(n, p);
    let tv = 0;
    for (let k = 0; k <= n; k++) tv += Math.abs(hist[k] - pmf[k]) / 2;
    const support = 8 * sd + 1;
    assert.ok(
      tv < 1.5 * Math.sqrt(support / nDraws) / 2 + 0.01,
      `n=${n} p=${p} TV ${tv}`,
    );
  }
});

Deno.test("multinomialInto() gives frequencies of the shot count whose means and covariances are the multinomial's", () => {
  const probs = new Float64Array([0.05, 0.3, 0, 0.15, 0.25, 0.1, 0.1, 0.05]);
  const shots = 5000, nReps = 4000, K = 8;
  const rng = createRng(3);
  const out = new Float64Array(K);
  const mean = new Float64Array(K);
  let cov13 = 0;
  for (let r = 0; r < nReps; r++) {
    multinomialInto(probs, { shots, rng, out, nOutcomes: K });
    let total = 0;
    for (let k = 0; k < K; k++) {
      total += out[k] * shots;
      assert.ok(Number.isInteger(Math.round(out[k] * shots * 1e6) / 1e6));
      mean[k] += out[k] / nReps;
    }
    assert.equal(Math.round(total), shots);
    assert.equal(out[2], 0);
    cov13 += (out[1] - probs[1]) * (out[3] - probs[3]) / nReps;
  }
  for (let k = 0; k < K; k++) {
    const se = Math.sqrt(probs[k] * (1 - probs[k]) / shots / nReps);
    assert.ok(
      Math.abs(mean[k] - probs[k]) <= 5 * se + 1e-12,
      `k=${k} ${mean[k]}`,
    );
  }
  // Cov(p̂_1, p̂_3) = −p₁p₃/shots for a multinomial.
  const want = -probs[1] * probs[3] / shots;
  assert.ok(Math.abs(cov13 / want - 1) < 0.15, `cov ${cov13} vs ${want}`);
});

Deno.test("multinomialInto() repeats its draws when seeded alike", () => {
  const probs = new Float64Array([0.1, 0.2, 0.3, 0.4]);
  const draw = () => {
    const out = new Float64Array(4);
    multinomialInto(probs, {
      shots: 3000,
      rng: createRng(9),
      out,
      nOutcomes: 4,
    });
    return Array.from(out);
  };
  assert.deepEqual(draw(), draw());
});
