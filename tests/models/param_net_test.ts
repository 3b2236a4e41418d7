import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { createRng, initBackend } from "../../lib/runtime/mod.ts";
import { initParams, quantumLenet } from "../../lib/models/mod.ts";

await initBackend("cpu");

Deno.test("initParams() re-draws only resample specs when keep is given", () => {
  const net = quantumLenet();
  const first = initParams(net, { rng: createRng(1) });
  const second = initParams(net, { rng: createRng(2), keep: first });
  net.specs.forEach((s, i) => {
    if (s.resample) {
      if (s.init.kind !== "constant") {
        assert.notEqual(second[i], first[i], s.name);
      }
    } else assert.equal(second[i], first[i], s.name);
  });
});

Deno.test("initParams() draws Xavier-normal with std √(2/(fanIn + fanOut)) and the notes' PQC std 0.272", () => {
  const net = quantumLenet();
  const theta = initParams(net, { rng: createRng(3) });
  const std = (t: tf.Tensor) => Math.sqrt(tf.mean(tf.square(t)).dataSync()[0]);
  const byName = (name: string) =>
    theta[net.specs.findIndex((s) => s.name === name)];
  assert.ok(Math.abs(std(byName("fc1/kernel")) - Math.sqrt(2 / 520)) < 0.002);
  // conv1: fan_in 1·25, fan_out 6·25
  assert.ok(Math.abs(std(byName("conv1/kernel")) - Math.sqrt(2 / 175)) < 0.02);
  assert.ok(Math.abs(std(byName("qnn/weights")) - 0.272) < 0.06);
  assert.deepEqual(Array.from(byName("alpha").dataSync()), [0.5]);
});

Deno.test("initParams() throws a RangeError naming the counts when keep has the wrong length", () => {
  assert.throws(
    () => initParams(quantumLenet(), { rng: createRng(0), keep: [] }),
    /Cannot initialise quantum_lenet: keep expected 17 tensors, got 0/,
  );
});
