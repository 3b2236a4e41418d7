import assert from "node:assert/strict";
import { createCircuit, weightParam } from "../../../lib/quantum/circuit.ts";
import { ATOL, maxAbsDiff, noWebgpu, runOnce } from "./_setup.ts";

Deno.test({
  name:
    "measureKernel orders probabilities by the listed wires, first most significant",
  ignore: noWebgpu,
  async fn() {
    const c = createCircuit({
      nQubits: 3,
      ops: [{ gate: "X", wires: [1], params: [] }, {
        gate: "X",
        wires: [2],
        params: [],
      }],
      observables: [{ kind: "probs", wires: [2, 0] }, {
        kind: "probs",
        wires: [1],
      }],
    });
    const { out } = await runOnce(c); // |011⟩: (q2, q0) = (1, 0) → row 2; q1 = 1 → row 1
    assert.ok(maxAbsDiff(out, [0, 0, 1, 0, 0, 1]) < ATOL);
  },
});

Deno.test({
  name:
    "measureKernel gives a trainable Hermitian ⟨H⟩ and its gradients after RY(θ)",
  ignore: noWebgpu,
  async fn() {
    // ⟨H⟩ = (a+b)/2 + (a−b)/2·cos θ + c·sin θ for H = [[a, c − id], [c + id, b]]
    const c = createCircuit({
      nQubits: 1,
      ops: [{ gate: "RY", wires: [0], params: [weightParam(4)] }],
      observables: [{
        kind: "hermitian",
        wire: 0,
        params: [
          weightParam(0),
          weightParam(1),
          weightParam(2),
          weightParam(3),
        ],
      }],
    });
    const [a, b, cc, d, theta] = [0.7, -0.4, 0.3, 0.9, 1.1];
    const { out, dWeights } = await runOnce(c, {
      weights: [a, b, cc, d, theta],
    });
    const cos = Math.cos(theta), sin = Math.sin(theta);
    assert.ok(
      Math.abs(out[0] - ((a + b) / 2 + ((a - b) / 2) * cos + cc * sin)) < ATOL,
    );
    const want = [
      (1 + cos) / 2,
      (1 - cos) / 2,
      sin,
      0,
      -((a - b) / 2) * sin + cc * cos,
    ];
    assert.ok(maxAbsDiff(dWeights, want) < ATOL);
  },
});
