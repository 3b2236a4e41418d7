import assert from "node:assert/strict";
import { topEigen } from "../../lib/data/_top_eigen.ts";

/** A = H·diag(λ)·H with the Householder reflection H = I − 2uuᵀ/‖u‖²: eigenvectors H·e_j. */
function reflected(lambdas: number[]): { a: Float64Array; h: Float64Array } {
  const n = lambdas.length;
  const u = Float64Array.from({ length: n }, (_, i) => Math.cos(1.7 * i) + 0.3);
  const uu = u.reduce((s, v) => s + v * v, 0);
  const h = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      h[i * n + j] = (i === j ? 1 : 0) - (2 * u[i] * u[j]) / uu;
    }
  }
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < n; t++) s += h[i * n + t] * lambdas[t] * h[t * n + j];
      a[i * n + j] = s;
    }
  }
  return { a, h };
}

for (
  const [label, n, k] of [["block subspace iteration", 200, 4], [
    "the full decomposition",
    30,
    4,
  ]] as const
) {
  Deno.test(`topEigen() recovers known eigenpairs through ${label}`, () => {
    // λ_t = 100·0.8^t, shuffled so the largest are not the first coordinates
    const lambdas = Array.from(
      { length: n },
      (_, t) => 100 * 0.8 ** ((t * 7) % n),
    );
    const { a, h } = reflected(lambdas);
    const pairs = topEigen(a, n, k);
    const want = [...lambdas].map((v, t) => [v, t] as const).sort((x, y) =>
      y[0] - x[0]
    );
    for (let j = 0; j < k; j++) {
      const [value, t] = want[j];
      assert.ok(Math.abs(pairs[j].value - value) < 1e-9 * value, `λ${j}`);
      let dot = 0; // |⟨v, H·e_t⟩| = 1 for the right eigenvector
      for (let i = 0; i < n; i++) dot += pairs[j].vector[i] * h[i * n + t];
      assert.ok(Math.abs(Math.abs(dot) - 1) < 1e-9, `v${j}: ${dot}`);
    }
  });
}
