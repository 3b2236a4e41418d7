import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs";
import { createRng } from "../../../lib/runtime/mod.ts";
import { initBackend } from "../../../lib/runtime/tfjs/init_backend.ts";
import {
  circuitOp,
  CpuSimulator,
  createCircuit,
  inputParam,
  tfjsCircuit,
  weightParam,
} from "../../../lib/quantum/mod.ts";
import { data, randomCircuit } from "../_random_circuit.ts";

await tf.setBackend("cpu");

/** Named tolerance of float32 backends against the float64 CPU reference (issue 4). */
const ATOL = 1e-5;

Deno.test("tfjsCircuit() agrees with the CPU backend to 1e-5 on random circuits of every gate", () => {
  for (const amplitude of [false, true]) {
    for (let seed = 1; seed <= 3; seed++) {
      const c = randomCircuit(seed, 3, amplitude), batch = 2;
      const { weights, inputs } = data(seed + 300, c, batch);
      const want = new CpuSimulator(c, { batch }).forward({ weights, inputs });
      const got = tfjsCircuit(c, {
        weights: tf.tensor1d(Float32Array.from(weights)),
        inputs: tf.tensor2d(Float32Array.from(inputs), [batch, c.nInputs]),
      }).dataSync();
      want.forEach((v, i) =>
        assert.ok(
          Math.abs(got[i] - v) < ATOL,
          `seed ${seed} amp ${amplitude} [${i}]: ${got[i]} vs ${v}`,
        )
      );
    }
  }
});

Deno.test("tfjsCircuit() first derivatives equal the CPU adjoint on random circuits", () => {
  const c = randomCircuit(4, 3, false), batch = 2;
  const { weights, inputs } = data(44, c, batch);
  const sim = new CpuSimulator(c, { batch });
  const rng = createRng(4);
  const dOut = Float64Array.from(
    { length: batch * sim.nOut },
    () => rng.normal(),
  );
  const want = sim.vjp({ weights, inputs }, { dOut });
  const dy = tf.tensor2d(Float32Array.from(dOut), [batch, sim.nOut]);
  const [gx, gw] = tf.grads((x: tf.Tensor, w: tf.Tensor) =>
    tf.sum(
      tf.mul(
        tfjsCircuit(c, { weights: w as tf.Tensor1D, inputs: x as tf.Tensor2D }),
        dy,
      ),
    )
  )([
    tf.tensor2d(Float32Array.from(inputs), [batch, c.nInputs]),
    tf.tensor1d(Float32Array.from(weights)),
  ]);
  const close = (a: number, b: number) =>
    Math.abs(a - b) < 1e-4 * (1 + Math.abs(b));
  want.dWeights.forEach((v, k) =>
    assert.ok(close(gw.dataSync()[k], v), `dW${k}`)
  );
  want.dInputs.forEach((v, k) =>
    assert.ok(close(gx.dataSync()[k], v), `dX${k}`)
  );
});

Deno.test("tfjsCircuit() second derivatives match finite differences of the float64 adjoint gradient", () => {
  // Two entangled qubits, weights in RX, RBS, Rot and a trainable Hermitian readout, one input angle.
  const c = createCircuit({
    nQubits: 2,
    ops: [
      { gate: "RY", wires: [0], params: [inputParam(0)] },
      { gate: "RX", wires: [1], params: [weightParam(0)] },
      { gate: "RBS", wires: [0, 1], params: [weightParam(1)] },
      {
        gate: "Rot",
        wires: [1],
        params: [weightParam(2), weightParam(3), weightParam(0)],
      },
      { gate: "CNOT", wires: [1, 0], params: [] },
    ],
    observables: [
      { kind: "pauli", wires: [0, 1], paulis: ["Z", "Y"] },
      {
        kind: "hermitian",
        wire: 0,
        params: [
          weightParam(4),
          weightParam(1),
          weightParam(2),
          weightParam(3),
        ],
      },
    ],
  });
  const w0 = Float64Array.from([0.3, -0.7, 1.1, 0.4, 0.9]),
    x = Float64Array.from([0.25]);
  const dOut = [1, 0.5];
  const sim = new CpuSimulator(c, { batch: 1 });
  const grad = (w: Float64Array) =>
    sim.vjp({ weights: w, inputs: x }, { dOut }).dWeights;
  const h = 1e-4, p = w0.length;
  const hessFd = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    const wp = w0.slice(), wm = w0.slice();
    wp[j] += h;
    wm[j] -= h;
    const gp = grad(wp), gm = grad(wm);
    for (let i = 0; i < p; i++) hessFd[i * p + j] = (gp[i] - gm[i]) / (2 * h);
  }
  const xt = tf.tensor2d(Float32Array.from(x), [1, 1]),
    dy = tf.tensor2d([dOut]);
  const loss = (w: tf.Tensor) =>
    tf.sum(
      tf.mul(tfjsCircuit(c, { weights: w as tf.Tensor1D, inputs: xt }), dy),
    );
  for (let i = 0; i < p; i++) {
    // row i of the Hessian: ∇_w (∂L/∂w_i)
    const row = tf.grad((w: tf.Tensor) => tf.slice(tf.grad(loss)(w), [i], [1]))(
      tf.tensor1d(Float32Array.from(w0)),
    ).dataSync();
    for (let j = 0; j < p; j++) {
      assert.ok(
        Math.abs(row[j] - hessFd[i * p + j]) < 2e-4,
        `H[${i},${j}]: ${row[j]} vs ${hessFd[i * p + j]}`,
      );
    }
  }
});

Deno.test("tfjsCircuit() throws RangeError when the weight tensor does not match the circuit", () => {
  const c = createCircuit({
    nQubits: 1,
    ops: [{ gate: "RY", wires: [0], params: [weightParam(0)] }],
    observables: [],
  });
  assert.throws(
    () =>
      tfjsCircuit(c, {
        weights: tf.tensor1d([1, 2]),
        inputs: tf.zeros([1, 0]),
      }),
    /Cannot run tfjs circuit: expected weights \[1\] and inputs \[B, 0\], got \[2\] and \[1,0\]/,
  );
});

/** tfjs backends every CI machine has (WebGPU is covered by tests/quantum/webgpu). */
const BACKENDS = ["cpu", "wasm"] as const;

Deno.test("tfjsCircuit() and circuitOp() agree with the CPU backend on every tfjs backend", async () => {
  const c = randomCircuit(12, 3, true), batch = 2;
  const { weights, inputs } = data(120, c, batch);
  const sim = new CpuSimulator(c, { batch });
  const rng = createRng(12);
  const dOut = Float64Array.from(
    { length: batch * sim.nOut },
    () => rng.normal(),
  );
  const want = sim.vjp({ weights, inputs }, { dOut });
  const op = circuitOp(c);
  for (const backend of BACKENDS) {
    await initBackend(backend);
    const w = tf.tensor1d(Float32Array.from(weights));
    const x = tf.tensor2d(Float32Array.from(inputs), [batch, c.nInputs]);
    const dy = tf.tensor2d(Float32Array.from(dOut), [batch, sim.nOut]);
    const out = tfjsCircuit(c, { weights: w, inputs: x }).dataSync();
    want.out.forEach((v, i) =>
      assert.ok(
        Math.abs(out[i] - v) < ATOL,
        `${backend} out[${i}]: ${out[i]} vs ${v}`,
      )
    );
    const [, gw] = tf.grads((xx: tf.Tensor, ww: tf.Tensor) =>
      tf.sum(tf.mul(op(xx as tf.Tensor2D, ww as tf.Tensor1D), dy))
    )([x, w]);
    const g = gw.dataSync();
    want.dWeights.forEach((v, k) =>
      assert.ok(
        Math.abs(g[k] - v) < 1e-4 * (1 + Math.abs(v)),
        `${backend} dW${k}`,
      )
    );
  }
  await initBackend("cpu");
});
