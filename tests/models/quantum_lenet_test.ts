import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { createRng, initBackend } from "../../lib/runtime/mod.ts";
import {
  hermitianReadout,
  initParams,
  qddCircuit,
  quantumLenet,
} from "../../lib/models/mod.ts";
import { tfjsCircuit } from "../../lib/quantum/mod.ts";
import { assertClose, mixedSecondOrder } from "./_second_order.ts";

await initBackend("cpu");

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

function randomTensor(
  shape: number[],
  rng: ReturnType<typeof createRng>,
  scale = 1,
) {
  return tf.tensor(
    Float32Array.from({ length: size(shape) }, () => scale * rng.normal()),
    shape,
  );
}

Deno.test("quantumLenet() has the notes' 59,669 parameters when the input is CIFAR-10", () => {
  const net = quantumLenet({ inChannels: 3, inputSize: 32 });
  assert.equal(net.specs.reduce((s, p) => s + size(p.shape), 0), 59669);
});

Deno.test("quantumLenet() trains the circuit only for impl paper and H only when trainable", () => {
  const trainable = (o: Parameters<typeof quantumLenet>[0]) =>
    Object.fromEntries(quantumLenet(o).specs.map((s) => [s.name, s.trainable]));
  assert.equal(trainable({ trainCircuit: false })["qnn/weights"], false);
  assert.equal(trainable({ trainCircuit: true })["qnn/weights"], true);
  assert.equal(trainable({ observable: "trainable" })["qnn/hermitian"], true);
  assert.equal(trainable({ observable: "frozen" })["qnn/hermitian"], false);
  assert.equal(
    trainable({ observable: "pauli-z" })["qnn/hermitian"],
    undefined,
  );
  // unknown_init re-draws only conv and linear layers (qdd.md §7.2)
  const kept = quantumLenet().specs.filter((s) => !s.resample).map((s) =>
    s.name
  );
  assert.deepEqual(kept, ["qnn/weights", "qnn/hermitian", "alpha"]);
});

Deno.test("quantumLenet() gives the same logits whether the circuit's forms come from the float64 simulator (frozen) or from tfjs ops (trained)", () => {
  for (const observable of ["trainable", "pauli-z"] as const) {
    const frozen = quantumLenet({ observable, trainCircuit: false });
    const simulated = quantumLenet({ observable, trainCircuit: true });
    const rng = createRng(7);
    const theta = initParams(frozen, { rng });
    const x = randomTensor([3, 28, 28, 1], rng) as tf.Tensor4D;
    const a = frozen.apply(theta, x).dataSync();
    const b = simulated.apply(theta, x).dataSync();
    assertClose(Array.from(a), Array.from(b), { atol: 1e-4, rtol: 1e-4 });
  }
});

Deno.test("tfjsCircuit() + hermitianReadout() second derivatives in the features through the weight and H gradients match finite differences", () => {
  // The QNN block of the quantum LeNet: F(f, [w, M]) = Σ c ⊙ q(f; w, M)²
  const circuit = qddCircuit({ pauliZOnly: false });
  const rng = createRng(5);
  const f = randomTensor([2, 64], rng);
  const theta = [randomTensor([54], rng, 0.8), randomTensor([6, 2, 2, 2], rng)];
  const c = randomTensor([2, 6], rng);
  const block = (ff: tf.Tensor, p: tf.Tensor[]) => {
    const paulis = tfjsCircuit(circuit, {
      weights: p[0] as tf.Tensor1D,
      inputs: ff as tf.Tensor2D,
    });
    return tf.sum(
      tf.mul(c, tf.square(hermitianReadout(paulis, p[1]))),
    ) as tf.Scalar;
  };
  const { autodiff, finiteDiff } = mixedSecondOrder(block, f, theta, {
    probes: [0, 9, 33, 63, 64, 100],
    eps: 3e-3,
  });
  assertClose(autodiff, finiteDiff, { atol: 2e-3, rtol: 2e-2 });
  assert.ok(autodiff.some((a) => Math.abs(a) > 1e-2));
});

Deno.test("quantumLenet() second derivatives in the input through every trainable gradient match finite differences", () => {
  const net = quantumLenet({ trainCircuit: false });
  const rng = createRng(9);
  const all = initParams(net, { rng });
  const idx = net.specs.flatMap((s, i) => (s.trainable ? [i] : []));
  const x = randomTensor([2, 28, 28, 1], rng);
  const y = tf.oneHot(tf.tensor1d([1, 4], "int32"), 10);
  const f = (xx: tf.Tensor, p: tf.Tensor[]) => {
    const full = [...all];
    idx.forEach((k, j) => (full[k] = p[j]));
    return tf.losses.meanSquaredError(
      y,
      net.apply(full, xx as tf.Tensor4D),
    ) as tf.Scalar;
  };
  const { autodiff, finiteDiff } = mixedSecondOrder(
    f,
    x,
    idx.map((k) => all[k]),
    {
      probes: [120, 406, 555, 1000, 1411],
      eps: 1e-3, // at 3e-3 a ReLU or max already switches for two of these pixels
    },
  );
  assertClose(autodiff, finiteDiff, { atol: 5e-4, rtol: 3e-2 });
  assert.ok(autodiff.some((a) => Math.abs(a) > 1e-3));
});

Deno.test("quantumLenet() with trained circuit angles (--impl paper): second derivatives in the input through every trainable gradient match finite differences", () => {
  const net = quantumLenet({ trainCircuit: true });
  const rng = createRng(11);
  const all = initParams(net, { rng });
  const idx = net.specs.flatMap((s, i) => (s.trainable ? [i] : []));
  assert.ok(idx.includes(8)); // the circuit angles are among them
  const x = randomTensor([2, 28, 28, 1], rng);
  const y = tf.oneHot(tf.tensor1d([3, 7], "int32"), 10);
  const f = (xx: tf.Tensor, p: tf.Tensor[]) => {
    const full = [...all];
    idx.forEach((k, j) => (full[k] = p[j]));
    return tf.losses.meanSquaredError(
      y,
      net.apply(full, xx as tf.Tensor4D),
    ) as tf.Scalar;
  };
  const { autodiff, finiteDiff } = mixedSecondOrder(
    f,
    x,
    idx.map((k) => all[k]),
    { probes: [150, 300, 410, 600, 1200], eps: 1e-3 },
  );
  assertClose(autodiff, finiteDiff, { atol: 5e-4, rtol: 3e-2 });
  assert.ok(autodiff.some((a) => Math.abs(a) > 1e-3));
});
