import assert from "node:assert/strict";
import {
  CpuSimulator,
  unaryPyramid,
  workload,
  type WorkloadName,
} from "../../lib/quantum/mod.ts";
import { denseOutputs } from "./_dense_reference.ts";

Deno.test("workload() circuits give the dense reference outputs for samples 0 and 5", () => {
  for (const name of ["W1", "W2", "W3", "W4"] as WorkloadName[]) {
    const w = workload(name);
    const out = new CpuSimulator(w.circuit, { batch: w.batch }).forward({
      weights: w.weights,
      inputs: w.inputs,
    });
    const nIn = w.circuit.nInputs, nOut = out.length / w.batch;
    for (const s of [0, 5]) {
      const want = denseOutputs(
        w.circuit,
        w.weights,
        w.inputs.subarray(s * nIn, (s + 1) * nIn),
      );
      want.forEach((v, o) =>
        assert.ok(
          Math.abs(out[s * nOut + o] - v) < 1e-12,
          `${name} s${s} o${o}`,
        )
      );
    }
  }
});

Deno.test("workload() W4 on the full statevector equals the unary fast path", () => {
  const w = workload("W4");
  const full = new CpuSimulator(w.circuit, { batch: w.batch }).forward({
    weights: w.weights,
    inputs: w.inputs,
  });
  const unary = unaryPyramid(w.raw, w.weights, {
    nQubits: 8,
    layout: "w4",
    readout: "probs",
  });
  for (let s = 0; s < w.batch; s++) {
    const spec = w.specOutputs(full.subarray(s * 16, (s + 1) * 16));
    spec.forEach((v, j) =>
      assert.ok(Math.abs(unary[s * 8 + j] - v) < 1e-12, `s${s} j${j}`)
    );
    assert.ok(Math.abs(spec.reduce((a, v) => a + v, 0) - 1) < 1e-12);
  }
});

Deno.test("workload() throws RangeError when the name is unknown", () => {
  assert.throws(
    () => workload("W5" as WorkloadName),
    /Unknown workload: expected W1, W2, W3 or W4, got "W5"/,
  );
});
