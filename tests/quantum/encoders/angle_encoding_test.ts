import assert from "node:assert/strict";
import {
  angleEncoding,
  CpuSimulator,
  createCircuit,
  type Observable,
} from "../../../lib/quantum/mod.ts";

Deno.test("angleEncoding() gives ⟨Z_i⟩ = cos(scale·x_i) for RY and RX encodings", () => {
  for (const rotation of ["RX", "RY"] as const) {
    const c = createCircuit({
      nQubits: 3,
      ops: angleEncoding([0, 1, 2], { rotation, scale: 0.5 }),
      observables: [0, 1, 2].map((w): Observable => ({
        kind: "pauli",
        wires: [w],
        paulis: ["Z"],
      })),
    });
    const x = [0.4, -1.3, 2.2];
    const out = new CpuSimulator(c, { batch: 1 }).forward({ inputs: x });
    x.forEach((v, i) =>
      assert.ok(
        Math.abs(out[i] - Math.cos(0.5 * v)) < 1e-15,
        `${rotation} ${i}`,
      )
    );
  }
});
