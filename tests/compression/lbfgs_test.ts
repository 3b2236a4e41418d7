import assert from "node:assert/strict";
import { lbfgs } from "../../lib/compression/mod.ts";

// f(x) = ½ xᵀAx − bᵀx with A symmetric positive definite: optimum x* = A⁻¹b, f* = −½ bᵀx*
const A = [
  [4, 1, 0, 0.5],
  [1, 3, 0.2, 0],
  [0, 0.2, 2, 0.3],
  [0.5, 0, 0.3, 1.5],
];
const B = [1, -2, 0.5, 3];

function quadratic(x: Float64Array, g: Float64Array): number {
  let f = 0;
  for (let i = 0; i < 4; i++) {
    let ax = 0;
    for (let j = 0; j < 4; j++) ax += A[i][j] * x[j];
    g[i] = ax - B[i];
    f += 0.5 * x[i] * ax - B[i] * x[i];
  }
  return f;
}

/** x* by Gaussian elimination, independent of the optimizer. */
function solve(): number[] {
  const m = A.map((row, i) => [...row, B[i]]);
  for (let c = 0; c < 4; c++) {
    for (let r = c + 1; r < 4; r++) {
      const k = m[r][c] / m[c][c];
      for (let j = c; j < 5; j++) m[r][j] -= k * m[c][j];
    }
  }
  const x = [0, 0, 0, 0];
  for (let r = 3; r >= 0; r--) {
    let s = m[r][4];
    for (let j = r + 1; j < 4; j++) s -= m[r][j] * x[j];
    x[r] = s / m[r][r];
  }
  return x;
}

Deno.test("lbfgs() reaches the optimum A⁻¹b of a quadratic when given enough iterations", () => {
  const x = new Float64Array(4);
  const r = lbfgs(quadratic, x, { maxIter: 100, maxEval: 200 });
  const xStar = solve();
  for (let i = 0; i < 4; i++) {
    assert.ok(
      Math.abs(x[i] - xStar[i]) < 1e-6,
      `x${i} = ${x[i]} vs ${xStar[i]}`,
    );
  }
  const fStar = -0.5 * B.reduce((a, b, i) => a + b * xStar[i], 0);
  assert.ok(Math.abs(r.loss - fStar) < 1e-10);
  assert.ok(r.loss < r.initialLoss);
});

Deno.test("lbfgs() takes the step min(1, 1/‖g‖₁)·lr along −g when maxIter is 1", () => {
  const x = new Float64Array(4);
  const r = lbfgs(quadratic, x, { maxIter: 1 });
  const t = Math.min(1, 1 / B.reduce((a, b) => a + Math.abs(b), 0)); // g(0) = −b
  assert.deepEqual(Array.from(x), B.map((b) => t * b));
  assert.equal(r.iterations, 1);
  assert.equal(r.evaluations, 1); // PyTorch skips the evaluation after the last iteration
});

Deno.test("lbfgs() stops after 20 iterations and at most 25 evaluations with PyTorch defaults", () => {
  // Rosenbrock is far from converged after 20 fixed steps
  const rosen = (x: Float64Array, g: Float64Array) => {
    g[0] = -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]);
    g[1] = 200 * (x[1] - x[0] * x[0]);
    return (1 - x[0]) ** 2 + 100 * (x[1] - x[0] * x[0]) ** 2;
  };
  const r = lbfgs(rosen, new Float64Array([-1.2, 1]));
  assert.ok(r.iterations <= 20);
  assert.ok(r.evaluations <= 25);
});

Deno.test("lbfgs() returns at once when the gradient is already below toleranceGrad", () => {
  const x = new Float64Array([1, 2]);
  const r = lbfgs((_p, g) => {
    g.fill(0);
    return 5;
  }, x);
  assert.deepEqual(r, {
    initialLoss: 5,
    loss: 5,
    iterations: 0,
    evaluations: 1,
  });
  assert.deepEqual(Array.from(x), [1, 2]);
});
