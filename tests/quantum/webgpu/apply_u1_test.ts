import assert from "node:assert/strict";
import { createCircuit, weightParam } from "../../../lib/quantum/circuit.ts";
import { ATOL, noWebgpu, runOnce } from "./_setup.ts";

Deno.test({
  name:
    "applyU1Kernel fuses a run of 12 RX gates with ⟨Z⟩ = cos Σθ and each gradient −sin Σθ",
  ignore: noWebgpu,
  async fn() {
    // 12 angles exceed MAX_DERIVS = 8 per fused step, so the run is split in two.
    const theta = Array.from({ length: 12 }, (_, k) => 0.05 * (k + 1));
    const c = createCircuit({
      nQubits: 2,
      ops: theta.map((_, k) => ({
        gate: "RX" as const,
        wires: [1],
        params: [weightParam(k)],
      })),
      observables: [{ kind: "pauli", wires: [1], paulis: ["Z"] }],
    });
    const sum = theta.reduce((a, v) => a + v, 0);
    const { out, dWeights } = await runOnce(c, { weights: theta });
    assert.ok(Math.abs(out[0] - Math.cos(sum)) < ATOL);
    for (const g of dWeights) assert.ok(Math.abs(g + Math.sin(sum)) < ATOL);
  },
});
