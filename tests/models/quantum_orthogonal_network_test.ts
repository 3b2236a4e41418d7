import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { createQuantumOrthogonalNetwork } from "../../lib/models/mod.ts";
import { createRng } from "../../lib/runtime/mod.ts";

await tf.setBackend("cpu");

// Pyramid of notes §1.4 written out by hand: lower wire of θ0 … θ14.
const LOWER_WIRE = [0, 1, 0, 2, 1, 3, 0, 2, 4, 1, 3, 0, 2, 1, 0];

/**
 * Independent truth: the full 2^6 real state vector, wire 0 the most significant bit,
 * X on wire 0, loader RBS(α_i) on (i, i+1), then the pyramid; every gate `repeat` times.
 */
function denseZ(xRaw: number[], theta: number[], repeat: number): number[] {
  const n = 6, dim = 1 << n;
  const bit = (w: number) => 1 << (n - 1 - w);
  const norm = Math.hypot(...xRaw);
  const xhat = xRaw.map((v) => v / norm);
  const alpha: number[] = [];
  let prod = 1;
  for (let i = 0; i < n - 1; i++) { // notes §1.3: α_i = arccos(x̂_i / ∏_{j<i} sin α_j)
    alpha.push(Math.acos(Math.max(-1, Math.min(1, xhat[i] / prod))));
    prod *= Math.sin(alpha[i]);
  }
  let psi = new Float64Array(dim);
  psi[bit(0)] = 1;
  const rbs = (a: number, b: number, phi: number) => {
    const out = psi.slice();
    const c = Math.cos(phi), s = Math.sin(phi);
    for (let i = 0; i < dim; i++) {
      if ((i & bit(a)) === 0 && (i & bit(b)) !== 0) { // |01⟩ on (a, b)
        const j = i ^ bit(a) ^ bit(b); // |10⟩
        out[i] = c * psi[i] + s * psi[j]; // RBS row |01⟩: (0, cos, sin, 0)
        out[j] = -s * psi[i] + c * psi[j]; // RBS row |10⟩: (0, −sin, cos, 0)
      }
    }
    psi = out;
  };
  for (let i = 0; i < n - 1; i++) {
    for (let r = 0; r < repeat; r++) rbs(i, i + 1, alpha[i]);
  }
  LOWER_WIRE.forEach((w, k) => {
    for (let r = 0; r < repeat; r++) rbs(w, w + 1, theta[k]);
  });
  return Array.from({ length: n }, (_, w) => {
    let z = 0;
    for (let i = 0; i < dim; i++) {
      z += psi[i] * psi[i] * ((i & bit(w)) ? -1 : 1);
    }
    return z;
  });
}

function identityNet(repeat: 1 | 2, theta: number[]) {
  const net = createQuantumOrthogonalNetwork({ nFeatures: 6, repeat });
  net.variables.w1.assign(tf.eye(6));
  net.variables.theta.assign(tf.tensor1d(theta));
  return net;
}

Deno.test("circuit() equals the full 2^6 state vector when repeat is 1 and 2", () => {
  const rng = createRng(4);
  const theta = Array.from({ length: 15 }, () => rng.normal());
  const x = [0.3, -0.2, 0.5, 0.1, -0.6, 0.4];
  for (const repeat of [1, 2] as const) {
    const net = identityNet(repeat, theta);
    const z = net.circuit(tf.tensor2d([x])).dataSync();
    const truth = denseZ(x, theta, repeat);
    for (let w = 0; w < 6; w++) {
      assert.ok(Math.abs(z[w] - truth[w]) < 1e-5, `repeat ${repeat} wire ${w}`);
    }
    net.dispose();
  }
});

Deno.test("circuit() loads the notes' doubled-gate vector when repeat is 2", () => {
  // notes §1.6: x̂ = (0.135, −0.142, 0.686, 0.112, −0.574, 0.387) loads as
  // (−0.964, −0.256, 0.002, 0.072, −0.009, 0.022); θ = 0 leaves it, ⟨Z_w⟩ = 1 − 2 z_w²
  const loaded = [-0.964, -0.256, 0.002, 0.072, -0.009, 0.022];
  const net = identityNet(2, new Array(15).fill(0));
  const z = net.circuit(
    tf.tensor2d([[0.135, -0.142, 0.686, 0.112, -0.574, 0.387]]),
  ).dataSync();
  loaded.forEach((v, w) =>
    assert.ok(Math.abs(z[w] - (1 - 2 * v * v)) < 5e-3, `wire ${w}: ${z[w]}`)
  );
  const single = identityNet(1, new Array(15).fill(0));
  const z1 = single.circuit(
    tf.tensor2d([[0.135, -0.142, 0.686, 0.112, -0.574, 0.387]]),
  ).dataSync();
  assert.ok(Math.abs(z1[2] - (1 - 2 * 0.686 ** 2)) < 2e-3); // repeat 1 loads x̂ itself
  net.dispose();
  single.dispose();
});

Deno.test("circuit() zeroes ⟨Z_0⟩ and keeps the rest when the wire mask drops wire 0", () => {
  const net = identityNet(1, new Array(15).fill(0.1));
  const x = tf.tensor2d([[0.3, -0.2, 0.5, 0.1, -0.6, 0.4]]);
  const full = net.circuit(x).dataSync();
  const masked = net.circuit(x, {
    wireMask: new Float32Array([0, 1, 1, 1, 1, 1]),
  }).dataSync();
  assert.equal(masked[0], 0);
  for (let w = 1; w < 6; w++) assert.equal(masked[w], full[w]);
  net.dispose();
});

Deno.test("predict() has θ and Dense gradients equal to finite differences when repeat is 2", () => {
  const net = createQuantumOrthogonalNetwork({
    nFeatures: 4,
    repeat: 2,
    quantumInit: "normal",
    quantumInitStd: 0.5,
  });
  net.initialize(createRng(2));
  const x = tf.tensor2d([[0.2, 0.9, -0.4, 0.3], [0.7, -0.1, 0.5, 0.6]]);
  const f = () =>
    tf.sum(
      tf.mul(net.predict(x), tf.tensor2d([[1, -2], [0.5, 1]])),
    ) as tf.Scalar;
  const { grads } = tf.variableGrads(f, [
    net.variables.theta,
    net.variables.w1,
  ]);
  for (const v of [net.variables.theta, net.variables.w1]) {
    const g = grads[v.name].dataSync();
    const base = v.dataSync().slice();
    for (const i of [0, 3, base.length - 1]) {
      const h = 1e-2, plus = base.slice(), minus = base.slice();
      plus[i] += h;
      minus[i] -= h;
      v.assign(tf.tensor(plus, v.shape));
      const fp = f().dataSync()[0];
      v.assign(tf.tensor(minus, v.shape));
      const fm = f().dataSync()[0];
      v.assign(tf.tensor(base, v.shape));
      assert.ok(Math.abs((fp - fm) / (2 * h) - g[i]) < 2e-3, `${v.name}[${i}]`);
    }
  }
  net.dispose();
});

Deno.test("initialize() gives the same weights twice when the seed is the same", () => {
  const a = createQuantumOrthogonalNetwork({
    nFeatures: 16,
    quantumInit: "normal",
  });
  const b = createQuantumOrthogonalNetwork({
    nFeatures: 16,
    quantumInit: "normal",
  });
  a.initialize(createRng(9));
  b.initialize(createRng(9));
  for (const name of ["w1", "theta", "w2"] as const) {
    assert.deepEqual(
      a.variables[name].dataSync(),
      b.variables[name].dataSync(),
    );
  }
  assert.ok(a.variables.theta.dataSync().some((v) => v !== 0));
  assert.throws(() => createQuantumOrthogonalNetwork({ nFeatures: 0 }), {
    name: "RangeError",
    message: "Cannot build the network: expected nFeatures ≥ 1, got 0",
  });
  a.dispose();
  b.dispose();
});
