import assert from "node:assert/strict";
import { SingularValueDecomposition } from "ml-matrix";
import { reconstructSvd, truncatedSvd } from "../../lib/compression/mod.ts";
import { createRng } from "../../lib/runtime/mod.ts";

const ATOL = 1e-9;

function randomMatrix(m: number, n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: m * n }, () => rng.normal());
}

function frobenius(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}

for (const [m, n] of [[6, 20], [20, 6]]) {
  Deno.test(`truncatedSvd() has Frobenius error equal to the singular-value tail when the matrix is ${m}×${n}`, () => {
    const w = randomMatrix(m, n, m);
    for (const rank of [1, 3, 5]) {
      const svd = truncatedSvd(w, [m, n], { rank });
      const tail = Math.sqrt(
        svd.singularValues.slice(rank).reduce((a, s) => a + s * s, 0),
      );
      assert.ok(
        Math.abs(frobenius(reconstructSvd(svd), w) - tail) < ATOL * 1e3,
        `rank ${rank}`,
      );
    }
  });

  Deno.test(`truncatedSvd() matches ml-matrix's full SVD spectrum when the matrix is ${m}×${n}`, () => {
    const w = randomMatrix(m, n, 7);
    const rows = Array.from(
      { length: m },
      (_, i) => Array.from(w.subarray(i * n, (i + 1) * n)),
    );
    const reference =
      new SingularValueDecomposition(rows, { autoTranspose: true }).diagonal;
    const ours = truncatedSvd(w, [m, n], { rank: 2 }).singularValues;
    for (let i = 0; i < Math.min(m, n); i++) {
      assert.ok(Math.abs(ours[i] - reference[i]) < 1e-8, `σ${i}`);
    }
  });
}

Deno.test("truncatedSvd() returns orthonormal U_r columns when the matrix is random", () => {
  const svd = truncatedSvd(randomMatrix(8, 12, 3), [8, 12], { rank: 4 });
  for (let a = 0; a < 4; a++) {
    for (let b = 0; b < 4; b++) {
      let d = 0;
      for (let i = 0; i < 8; i++) d += svd.u[i * 4 + a] * svd.u[i * 4 + b];
      assert.ok(Math.abs(d - (a === b ? 1 : 0)) < 1e-9);
    }
  }
});

Deno.test("truncatedSvd() reproduces the matrix when the rank is full", () => {
  const w = randomMatrix(5, 7, 9);
  assert.ok(
    frobenius(reconstructSvd(truncatedSvd(w, [5, 7], { rank: 50 })), w) < 1e-9,
  );
});

Deno.test("truncatedSvd() throws a RangeError when the rank is not a positive integer", () => {
  assert.throws(() => truncatedSvd(new Float64Array(4), [2, 2], { rank: 0 }), {
    name: "RangeError",
    message: "Cannot take SVD: expected a positive integer rank, got 0",
  });
  assert.throws(() => truncatedSvd(new Float64Array(3), [2, 2], { rank: 1 }), {
    name: "RangeError",
    message: "Cannot take SVD: expected 4 values for shape [2, 2], got 3",
  });
});
