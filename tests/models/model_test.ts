import assert from "node:assert/strict";
import { createRng, initBackend } from "../../lib/runtime/mod.ts";
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
