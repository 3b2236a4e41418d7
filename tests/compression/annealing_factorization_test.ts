import assert from "node:assert/strict";
import { annealingFactorize } from "../../lib/compression/mod.ts";
import { createRng } from "../../lib/runtime/mod.ts";

function lowRank(m: number, n: number, r: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const a = Float64Array.from({ length: m * r }, () => rng.normal());
  const b = Float64Array.from({ length: r * n }, () => rng.normal());
  const w = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < r; j++) {
      for (let c = 0; c < n; c++) w[i * n + c] += a[i * r + j] * b[j * n + c];
    }
  }
  return w;
}

Deno.test("annealingFactorize() recovers an exactly rank-r matrix when given many iterations", () => {
  const w = lowRank(6, 9, 2, 1);
  const r = annealingFactorize(w, [6, 9], {
    rank: 2,
    rng: createRng(2),
    lbfgs: { maxIter: 500, maxEval: 1000 },
  });
  assert.ok(r.relativeError < 1e-3, String(r.relativeError));
  // product is W1·W2 of the returned factors
  let d = 0;
  for (let i = 0; i < 6; i++) {
    for (let c = 0; c < 9; c++) {
      let p = 0;
      for (let j = 0; j < 2; j++) p += r.w1[i * 2 + j] * r.w2[j * 9 + c];
      d = Math.max(d, Math.abs(p - r.product[i * 9 + c]));
    }
  }
  assert.ok(d < 1e-12);
});

Deno.test("annealingFactorize() leaves a relative error above 0.8 when the weights have conv scale (notes §2 Step 3)", () => {
  // Notes §2: 20 iterations from N(0,1) factors on std 0.01–0.1 weights give relative error 0.83–0.999
  const rng = createRng(3);
  const w = Float64Array.from({ length: 64 * 288 }, () => 0.05 * rng.normal());
  const r = annealingFactorize(w, [64, 288], { rank: 8, rng: createRng(4) });
  assert.ok(r.relativeError > 0.8, String(r.relativeError));
  assert.ok(r.mse < r.initialMse);
  assert.ok(r.iterations <= 20);
});

Deno.test("annealingFactorize() throws a RangeError when the rank is not a positive integer", () => {
  assert.throws(
    () =>
      annealingFactorize(new Float64Array(4), [2, 2], {
        rank: 1.5,
        rng: createRng(0),
      }),
    {
      name: "RangeError",
      message: "Cannot factorize: expected a positive integer rank, got 1.5",
    },
  );
});
