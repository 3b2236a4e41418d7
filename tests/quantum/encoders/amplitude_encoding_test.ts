import assert from "node:assert/strict";
import { amplitudeEncoding } from "../../../lib/quantum/mod.ts";

Deno.test("amplitudeEncoding() throws RangeError when the features exceed 2^n", () => {
  assert.deepEqual(amplitudeEncoding(16, { nQubits: 4 }), {
    kind: "amplitude",
    nFeatures: 16,
  });
  assert.throws(
    () => amplitudeEncoding(17, { nQubits: 4 }),
    /Cannot amplitude-encode: features expected in \[1, 16\] for 4 qubits, got 17/,
  );
});
