import assert from "node:assert/strict";
import {
  entangleNeighbours,
  magnitudeMask,
  qaoaPrune,
  toTorchLayout,
} from "../../lib/compression/mod.ts";
import { createRng } from "../../lib/runtime/mod.ts";

const N = 200_000;
/** Tolerance for a sparsity estimated from N weights (≈ 4 binomial standard errors). */
const SPARSITY_TOL = 0.005;

function gaussianKernel(seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: N }, () => rng.normal() * 0.05);
}

Deno.test("qaoaPrune() prunes exactly the ⌊αN⌋ smallest weights when impl is paper and pEntangle is 0", () => {
  const w = gaussianKernel(1).subarray(0, 3 * 3 * 8 * 16);
  const r = qaoaPrune(w, [3, 3, 8, 16], {
    impl: "paper",
    sparsity: 0.3,
    pEntangle: 0,
    rng: createRng(2),
  });
  const k = Math.floor(0.3 * w.length);
  assert.equal(r.sparsity, k / w.length);
  const threshold = Float32Array.from(w, Math.abs).sort()[k];
  for (let i = 0; i < w.length; i++) {
    assert.equal(r.weights[i], Math.abs(w[i]) < threshold ? 0 : w[i]);
    assert.equal(r.mask[i], r.weights[i] === 0 ? 0 : 1);
  }
});

Deno.test("qaoaPrune() reaches α + (1−α)(1−(1−α·P)²) when impl is paper with entanglement", () => {
  // Non-cascading: a survivor falls if its left or right neighbour was pruned (each with P).
  const alpha = 0.3, p = 0.5;
  const expected = alpha + (1 - alpha) * (1 - (1 - alpha * p) ** 2);
  const r = qaoaPrune(gaussianKernel(3), [1, 1, 400, 500], {
    impl: "paper",
    sparsity: alpha,
    pEntangle: p,
    rng: createRng(4),
  });
  assert.ok(
    Math.abs(r.sparsity - expected) < SPARSITY_TOL,
    `${r.sparsity} vs ${expected}`,
  );
});

Deno.test("qaoaPrune() prunes 1−(1−p)^5 when impl is code without entanglement", () => {
  const r = qaoaPrune(gaussianKernel(5), [1, 1, 400, 500], {
    impl: "code",
    sparsity: 0.1,
    pEntangle: 0,
    rng: createRng(6),
  });
  assert.ok(
    Math.abs(r.sparsity - (1 - 0.9 ** 5)) < SPARSITY_TOL,
    String(r.sparsity),
  );
});

Deno.test("qaoaPrune() matches the notes' Monte Carlo of the code's loop when impl is code", () => {
  // Notes §2 table (2×10⁵ weights): per sweep 21.9 % (p 0.1), 54.4 % (p 0.3); 5 sweeps 83.8 % (p 0.1417)
  const cases = [
    { p: 0.1, nSweeps: 1, expected: 0.219 },
    { p: 0.3, nSweeps: 1, expected: 0.544 },
    { p: 0.1417, nSweeps: 5, expected: 0.838 },
  ];
  for (const [i, { p, nSweeps, expected }] of cases.entries()) {
    const r = qaoaPrune(gaussianKernel(10 + i), [1, 1, 400, 500], {
      impl: "code",
      sparsity: p,
      nSweeps,
      rng: createRng(20 + i),
    });
    assert.ok(
      Math.abs(r.sparsity - expected) < SPARSITY_TOL,
      `p ${p}: ${r.sparsity} vs ${expected}`,
    );
  }
});

Deno.test("qaoaPrune() walks neighbours in PyTorch order [Cout, Cin, kH, kW] when the kernel is in tfjs order", () => {
  const shape: [number, number, number, number] = [2, 2, 2, 3];
  const w = Float32Array.from({ length: 24 }, (_, i) => 1 + i);
  w[5] = 0.5; // the smallest weight: the only one pruned at α = 1/24
  const torch = toTorchLayout(w, shape);
  const at = torch.indexOf(0.5);
  const r = qaoaPrune(w, shape, {
    impl: "paper",
    sparsity: 1 / 24,
    pEntangle: 1,
    nSweeps: 1,
    rng: createRng(0),
  });
  const zeros = Array.from(toTorchLayout(r.weights, shape)).flatMap((v, i) =>
    v === 0 ? [i] : []
  );
  assert.deepEqual(zeros, [at - 1, at, at + 1]);
});

Deno.test("entangleNeighbours() zeroes everything right of the first zero when cascade is on and P is 1", () => {
  const mask = new Uint8Array([1, 1, 1, 0, 1, 1, 0, 1]);
  entangleNeighbours(mask, { pEntangle: 1, rng: createRng(0) });
  assert.deepEqual(Array.from(mask), [1, 1, 0, 0, 0, 0, 0, 0]);
});

Deno.test("entangleNeighbours() prunes only direct neighbours when cascade is off and P is 1", () => {
  const mask = new Uint8Array([1, 1, 1, 0, 1, 1, 1, 0]);
  entangleNeighbours(mask, { pEntangle: 1, cascade: false, rng: createRng(0) });
  assert.deepEqual(Array.from(mask), [1, 1, 0, 0, 0, 1, 0, 0]);
});

Deno.test("entangleNeighbours() leaves the mask unchanged when P is 0", () => {
  const mask = new Uint8Array([0, 1, 0, 1]);
  entangleNeighbours(mask, { pEntangle: 0, rng: createRng(0) });
  assert.deepEqual(Array.from(mask), [0, 1, 0, 1]);
});

Deno.test("magnitudeMask() keeps ties at the threshold when α·N falls inside a tie", () => {
  assert.deepEqual(Array.from(magnitudeMask([1, 1, 1, 2], { alpha: 0.5 })), [
    1,
    1,
    1,
    1,
  ]);
});

Deno.test("qaoaPrune() throws a RangeError naming the sparsity when it is outside [0, 1]", () => {
  assert.throws(
    () =>
      qaoaPrune(new Float32Array(4), [1, 1, 2, 2], {
        impl: "code",
        sparsity: 1.5,
        rng: createRng(0),
      }),
    {
      name: "RangeError",
      message: "Cannot prune: expected sparsity in [0, 1], got 1.5",
    },
  );
});

Deno.test("qaoaPrune() throws a RangeError when the kernel does not match its shape", () => {
  assert.throws(
    () =>
      qaoaPrune(new Float32Array(5), [1, 1, 2, 2], {
        impl: "code",
        sparsity: 0.5,
        rng: createRng(0),
      }),
    {
      name: "RangeError",
      message:
        "Cannot reorder conv kernel: expected 4 values for shape [1,1,2,2], got 5",
    },
  );
});
