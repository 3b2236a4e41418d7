import assert from "node:assert/strict";
import {
  constParam,
  createCircuit,
  parameterShift,
  weightParam,
} from "../../../lib/quantum/mod.ts";

Deno.test("parameterShift() gives the analytic RBS derivative d/dθ sin²θ = sin 2θ", () => {
  // X on wire 0 then RBS(θ): P(wire 1 = 1) = sin²θ (excitation moved with amplitude sin θ)
  const c = createCircuit({
    nQubits: 2,
    ops: [{ gate: "X", wires: [0], params: [] }, {
      gate: "RBS",
      wires: [0, 1],
      params: [weightParam(0)],
    }],
    observables: [{ kind: "probs", wires: [1] }],
  });
  for (const t of [0.3, 1.1, -2]) {
    const { out, dWeights } = parameterShift(c, { weights: [t], dOut: [0, 1] });
    assert.ok(Math.abs(out[1] - Math.sin(t) ** 2) < 1e-15);
    assert.ok(Math.abs(dWeights[0] - Math.sin(2 * t)) < 1e-14, `θ=${t}`);
  }
});

Deno.test("parameterShift() differentiates Hermitian coefficients exactly", () => {
  // ⟨H⟩ on |0⟩ = a, so ∂/∂a = 1 and ∂/∂b = ∂/∂c = 0
  const c = createCircuit({
    nQubits: 1,
    ops: [],
    observables: [{
      kind: "hermitian",
      wire: 0,
      params: [weightParam(0), weightParam(1), weightParam(2), constParam(0)],
    }],
  });
  const { dWeights } = parameterShift(c, { weights: [0.5, -1, 2], dOut: [1] });
  assert.deepEqual([...dWeights], [1, 0, 0]);
});

Deno.test("parameterShift() throws RangeError when dOut does not hold whole rows", () => {
  const c = createCircuit({
    nQubits: 1,
    ops: [],
    observables: [{ kind: "probs", wires: [0] }],
  });
  assert.throws(
    () => parameterShift(c, { dOut: [1, 2, 3] }),
    /Cannot run parameter shift: dOut length expected a positive multiple of 2, got 3/,
  );
});
