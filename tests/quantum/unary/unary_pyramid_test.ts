import assert from "node:assert/strict";
import { createRng } from "../../../lib/runtime/mod.ts";
import {
  createCircuit,
  type Observable,
  rbsPyramid,
  rbsPyramidShape,
  unaryLoader,
  unaryLoaderAngles,
  unaryPyramid,
  type UnaryPyramidOptions,
  unaryPyramidVjp,
} from "../../../lib/quantum/mod.ts";
import { denseOutputs } from "../_dense_reference.ts";

const CASES: Omit<UnaryPyramidOptions, "nQubits">[] = [
  { layout: "qdrop", loader: "arccos", repeat: 1 },
  { layout: "qdrop", loader: "arccos", repeat: 2 },
  { layout: "w4", loader: "atan2", repeat: 1 },
  { layout: "w4", loader: "atan2", repeat: 2 },
  { layout: "qdrop", loader: "atan2", repeat: 2, readout: "probs" },
];

function randomData(seed: number, b: number, n: number) {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: b * n }, () => rng.normal());
  const p = rbsPyramidShape(n);
  const theta = Float64Array.from({ length: p }, () => 2 * rng.next() - 1);
  const mask = Uint8Array.from({ length: p }, () => (rng.next() < 0.8 ? 1 : 0));
  return { x, theta, mask };
}

Deno.test("unaryPyramid() equals the full statevector for repeat 1 and 2 and both layouts", () => {
  const n = 5, b = 3;
  for (const opts of CASES) {
    const { x, theta, mask } = randomData(7, b, n);
    const repeat = opts.repeat ?? 1, layout = opts.layout ?? "qdrop";
    const alpha = unaryLoaderAngles(x, { nQubits: n, loader: opts.loader });
    // Dropped gates become weight-free constant RBS(0) = identity in the dense reference.
    const pyramid = rbsPyramid(n, { layout, repeat }).map((op) => {
      const k = (op.params[0] as { index: number }).index;
      return mask[k]
        ? op
        : { ...op, params: [{ kind: "const" as const, value: 0 }] };
    });
    const observables: Observable[] = Array.from(
      { length: n },
      (_, w) =>
        opts.readout === "probs"
          ? { kind: "probs", wires: [w] }
          : { kind: "pauli", wires: [w], paulis: ["Z"] },
    );
    const circuit = createCircuit({
      nQubits: n,
      ops: [...unaryLoader(n, { repeat }), ...pyramid],
      observables,
      nWeights: theta.length,
    });
    const got = unaryPyramid(x, theta, { ...opts, nQubits: n, gateMask: mask });
    for (let s = 0; s < b; s++) {
      const want = denseOutputs(
        circuit,
        theta,
        alpha.subarray(s * (n - 1), (s + 1) * (n - 1)),
      );
      for (let w = 0; w < n; w++) {
        // probs observables give [P(0), P(1)]; the unary readout is P(1)
        const ref = opts.readout === "probs" ? want[2 * w + 1] : want[w];
        assert.ok(
          Math.abs(got[s * n + w] - ref) < 1e-12,
          `${JSON.stringify(opts)} s=${s} w=${w}: ${got[s * n + w]} vs ${ref}`,
        );
      }
    }
  }
});

Deno.test("unaryPyramidVjp() matches central finite differences in theta and x", () => {
  const n = 6, b = 2, h = 1e-6;
  for (const opts of CASES) {
    const { x, theta, mask } = randomData(11, b, n);
    const rng = createRng(3);
    const dOut = Float64Array.from({ length: b * n }, () => rng.normal());
    const full = { ...opts, nQubits: n, gateMask: mask };
    const loss = (xx: Float64Array, tt: Float64Array) =>
      unaryPyramid(xx, tt, full).reduce((a, v, i) => a + v * dOut[i], 0);
    const { dx, dTheta } = unaryPyramidVjp(x, theta, { ...full, dOut });
    for (let k = 0; k < theta.length; k++) {
      const tp = theta.slice(), tm = theta.slice();
      tp[k] += h;
      tm[k] -= h;
      const fd = (loss(x, tp) - loss(x, tm)) / (2 * h);
      assert.ok(
        Math.abs(dTheta[k] - fd) < 1e-7,
        `${JSON.stringify(opts)} θ${k}: ${dTheta[k]} vs ${fd}`,
      );
      if (!mask[k]) assert.equal(dTheta[k], 0);
    }
    for (let i = 0; i < x.length; i++) {
      const xp = x.slice(), xm = x.slice();
      xp[i] += h;
      xm[i] -= h;
      const fd = (loss(xp, theta) - loss(xm, theta)) / (2 * h);
      assert.ok(
        Math.abs(dx[i] - fd) < 1e-6,
        `${JSON.stringify(opts)} x${i}: ${dx[i]} vs ${fd}`,
      );
    }
  }
});

Deno.test("unaryPyramid() loads x/‖x‖ exactly with the atan2 loader and an identity pyramid", () => {
  const x = Float64Array.from([1, -2, 3, -4, 5, 6, 7, -8]);
  const norm = Math.hypot(...x);
  const probs = unaryPyramid(x, new Float64Array(28), {
    nQubits: 8,
    layout: "w4",
    readout: "probs",
  });
  x.forEach((v, j) => assert.ok(Math.abs(probs[j] - (v / norm) ** 2) < 1e-14));
});

Deno.test("unaryPyramid() reproduces the doubled-gate loader example of qdrop.md §1.6", () => {
  const x = Float64Array.from([0.135, -0.142, 0.686, 0.112, -0.574, 0.387]);
  const want = [-0.964, -0.256, 0.002, 0.072, -0.009, 0.022];
  const probs = unaryPyramid(x, new Float64Array(15), {
    nQubits: 6,
    repeat: 2,
    readout: "probs",
  });
  want.forEach((v, j) =>
    assert.ok(Math.abs(Math.sqrt(probs[j]) - Math.abs(v)) < 2e-3, `${j}`)
  );
});

Deno.test("unaryPyramid() throws RangeError when theta has the wrong length", () => {
  assert.throws(
    () => unaryPyramid([1, 2, 3], [0.1], { nQubits: 3 }),
    /Cannot run unary pyramid: theta expected 3 angles for 3 wires, got 1/,
  );
  assert.throws(
    () =>
      unaryPyramid([1, 2, 3], [0, 0, 0], {
        nQubits: 3,
        gateMask: new Uint8Array(2),
      }),
    /gateMask expected length 3, got 2/,
  );
});

Deno.test("unaryPyramidVjp() throws RangeError when repeat or dOut is invalid", () => {
  assert.throws(
    // @ts-expect-error: repeat 3 is outside the declared 1 | 2
    () => unaryPyramid([1, 2], [0], { nQubits: 2, repeat: 3 }),
    /Cannot run unary pyramid: repeat expected 1 or 2, got 3/,
  );
  assert.throws(
    () => unaryPyramidVjp([1, 2], [0], { nQubits: 2, dOut: [1] }),
    /Cannot run unary pyramid backward: dOut expected length 2, got 1/,
  );
  assert.throws(
    () => unaryPyramid([1, 2, 3], [0], { nQubits: 2 }),
    /Cannot run unary pyramid: x length expected a multiple of 2, got 3/,
  );
});

Deno.test("unaryPyramidVjp() zeroes a masked wire's output and its gradient contribution", () => {
  const x = Float64Array.from([0.3, -0.5, 0.8, 0.1]),
    theta = Float64Array.from([0.2, -0.4, 0.6, 0.1, 0.3, -0.2]);
  const wireMask = Uint8Array.from([0, 1, 1, 1]);
  const dOut = Float64Array.from([5, 1, 2, 3]);
  const masked = unaryPyramidVjp(x, theta, { nQubits: 4, wireMask, dOut });
  const full = unaryPyramid(x, theta, { nQubits: 4 });
  assert.equal(masked.out[0], 0);
  [1, 2, 3].forEach((j) => assert.equal(masked.out[j], full[j]));
  // same as the unmasked VJP with the masked cotangent set to 0
  const ref = unaryPyramidVjp(x, theta, {
    nQubits: 4,
    dOut: Float64Array.from([0, 1, 2, 3]),
  });
  ref.dTheta.forEach((v, k) =>
    assert.ok(Math.abs(masked.dTheta[k] - v) < 1e-15)
  );
  ref.dx.forEach((v, i) => assert.ok(Math.abs(masked.dx[i] - v) < 1e-15));
});
