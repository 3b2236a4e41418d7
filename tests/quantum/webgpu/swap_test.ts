import assert from "node:assert/strict";
import { createCircuit } from "../../../lib/quantum/circuit.ts";
import { ATOL, maxAbsDiff, noWebgpu, runOnce } from "./_setup.ts";

Deno.test({
  name:
    "swapKernel exchanges the amplitudes of |01⟩ and |10⟩ on non-adjacent wires",
  ignore: noWebgpu,
  async fn() {
    const c = createCircuit({
      nQubits: 3,
      ops: [{ gate: "SWAP", wires: [2, 0], params: [] }],
      observables: [{ kind: "probs", wires: [0, 1, 2] }],
      init: { kind: "amplitude", nFeatures: 8 },
    });
    const x = [1, 2, 3, 4, 5, 6, 7, 8];
    const { out } = await runOnce(c, { inputs: x });
    // |q0 q1 q2⟩ → |q2 q1 q0⟩: index 1 (001) ↔ 4 (100), 3 (011) ↔ 6 (110)
    const perm = [0, 4, 2, 6, 1, 5, 3, 7];
    const norm = x.reduce((a, v) => a + v * v, 0);
    assert.ok(maxAbsDiff(out, perm.map((j) => x[j] ** 2 / norm)) < ATOL);
  },
});
