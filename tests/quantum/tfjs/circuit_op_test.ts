import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs";
import { createRng } from "../../../lib/runtime/mod.ts";
import {
  angleEncoding,
  circuitOp,
  CpuSimulator,
  createCircuit,
  type Observable,
  stronglyEntangling,
  stronglyEntanglingShape,
} from "../../../lib/quantum/mod.ts";
import { data, randomCircuit } from "../_random_circuit.ts";

await tf.setBackend("cpu");

Deno.test("circuitOp() gradients equal the CPU adjoint for inputs and weights", () => {
  const c = randomCircuit(6, 3, true), batch = 3;
  const { weights, inputs } = data(66, c, batch);
  const sim = new CpuSimulator(c, { batch });
  const rng = createRng(6);
  const dOut = Float64Array.from(
    { length: batch * sim.nOut },
    () => rng.normal(),
  );
  const want = sim.vjp({ weights, inputs }, { dOut });
  const op = circuitOp(c),
    dy = tf.tensor2d(Float32Array.from(dOut), [batch, sim.nOut]);
  const [gx, gw] = tf.grads((x: tf.Tensor, w: tf.Tensor) =>
    tf.sum(tf.mul(op(x as tf.Tensor2D, w as tf.Tensor1D), dy))
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

Deno.test("circuitOp() trains a Dense → circuit → Dense model with a tfjs optimizer", () => {
  // XOR-like labels of 2-D points: not linearly separable, learnable through the circuit.
  const rng = createRng(8);
  const n = 64, nQubits = 2, nLayers = 2;
  const xs = Float32Array.from({ length: 2 * n }, () => 2 * rng.next() - 1);
  const ys = Float32Array.from(
    { length: n },
    (_, i) => (xs[2 * i] * xs[2 * i + 1] > 0 ? 1 : 0),
  );
  const circuit = createCircuit({
    nQubits,
    ops: [
      ...angleEncoding([0, 1]),
      ...stronglyEntangling(nLayers, { wires: [0, 1] }),
    ],
    observables: [0, 1].map((w): Observable => ({
      kind: "pauli",
      wires: [w],
      paulis: ["Z"],
    })),
    nInputs: 2,
  });
  const p = stronglyEntanglingShape(nLayers, nQubits).reduce((a, b) => a * b);
  const init = (shape: number[]) =>
    tf.variable(
      tf.tensor(
        Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () =>
          0.5 * rng.normal()),
        shape,
      ),
    );
  const w1 = init([2, 2]), b1 = tf.variable(tf.zeros([2])), theta = init([p]);
  const w2 = init([2, 1]), b2 = tf.variable(tf.zeros([1]));
  const op = circuitOp(circuit);
  const x = tf.tensor2d(xs, [n, 2]), y = tf.tensor2d(ys, [n, 1]);
  const loss = () =>
    tf.losses.sigmoidCrossEntropy(
      y,
      tf.add(
        tf.matMul(
          op(tf.add(tf.matMul(x, w1), b1) as tf.Tensor2D, theta as tf.Tensor1D),
          w2,
        ),
        b2,
      ),
    ) as tf.Scalar;
  const opt = tf.train.adam(0.1);
  const first = loss().dataSync()[0];
  for (let i = 0; i < 150; i++) {
    opt.minimize(loss, false, [w1, b1, theta, w2, b2]);
  }
  const last = loss().dataSync()[0];
  assert.ok(last < 0.6 * first, `loss ${first} -> ${last}`);
  const thetaMoved = tf.sum(tf.abs(theta)).dataSync()[0];
  assert.ok(Number.isFinite(thetaMoved));
});
