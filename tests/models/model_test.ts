import assert from "node:assert/strict";
import { createRng, initBackend } from "../../lib/runtime/mod.ts";
import * as tf from "@tensorflow/tfjs-core";
import { initVariable } from "../../lib/models/mod.ts";

await initBackend("wasm");

Deno.test("initVariable() draws uniform values inside ±bound with the right spread", () => {
  const v = initVariable("w", [100, 100], {
    init: { kind: "uniform", bound: 0.5 },
    rng: createRng(1),
  });
  const x = v.variable.dataSync() as Float32Array;
  assert.ok(x.every((value) => Math.abs(value) <= 0.5));
  const variance = x.reduce((a, b) => a + b * b, 0) / x.length;
  assert.ok(Math.abs(variance - 0.25 / 3) < 0.003); // Var U(−a, a) = a²/3
});

Deno.test("initVariable() draws normal values with the requested standard deviation", () => {
  const v = initVariable("w", [10000], {
    init: { kind: "normal", std: 2 },
    rng: createRng(1),
  });
  const x = v.variable.dataSync() as Float32Array;
  const variance = x.reduce((a, b) => a + b * b, 0) / x.length;
  assert.ok(Math.abs(Math.sqrt(variance) - 2) < 0.05);
  assert.equal(v.trainable, true);
});

Deno.test("initVariable() keeps one tensor per variable and frees it all on dispose", () => {
  const before = tf.memory();
  const v = initVariable("w", [256, 256], {
    init: { kind: "constant", value: 3 },
    rng: createRng(1),
  });
  const during = tf.memory();
  assert.equal(during.numTensors - before.numTensors, 1);
  assert.equal(during.numBytes - before.numBytes, 256 * 256 * 4);
  assert.equal((v.variable.dataSync() as Float32Array)[12345], 3);
  v.variable.dispose();
  assert.equal(tf.memory().numBytes, before.numBytes);
});
