import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { createRng, initBackend } from "../../lib/runtime/mod.ts";
import {
  hermitianPauliCoefficients,
  hermitianReadout,
  qddCircuit,
} from "../../lib/models/mod.ts";
import { tfjsCircuit } from "../../lib/quantum/mod.ts";
import { denseState } from "../quantum/_dense_reference.ts";

await initBackend("cpu");

/** ⟨ψ| H ⊗ I |ψ⟩ with H = (A + A†)/2 on `wire`, by enumerating basis pairs. */
function denseHermitian(
  [re, im]: [Float64Array, Float64Array],
  m: ArrayLike<number>,
  { wire, n }: { wire: number; n: number },
): number {
  const a = (r: number, c: number) => [m[r * 4 + c * 2], m[r * 4 + c * 2 + 1]];
  const h = (r: number, c: number) => { // (A + A†)/2, entry [r, c]
    const [ar, ai] = a(r, c), [br, bi] = a(c, r);
    return [(ar + br) / 2, (ai - bi) / 2];
  };
  const bit = 1 << (n - 1 - wire);
  let e = 0;
  for (let i = 0; i < re.length; i++) {
    for (let j = 0; j < re.length; j++) {
      if ((i & ~bit) !== (j & ~bit)) continue;
      const [hr, hi] = h((i & bit) ? 1 : 0, (j & bit) ? 1 : 0);
      // conj(ψ_i)·H_ij·ψ_j, real part
      const pr = hr * re[j] - hi * im[j], pi = hr * im[j] + hi * re[j];
      e += re[i] * pr + im[i] * pi;
    }
  }
  return e;
}

Deno.test("hermitianReadout() equals ⟨ψ|H_i ⊗ I|ψ⟩ = c0 + cx⟨X⟩ + cy⟨Y⟩ + cz⟨Z⟩ when states and Hermitians are random", () => {
  const rng = createRng(11);
  const circuit = qddCircuit({ pauliZOnly: false });
  for (let trial = 0; trial < 3; trial++) {
    const w = Float64Array.from({ length: 54 }, () => 2 * Math.PI * rng.next());
    const f = Float64Array.from({ length: 64 }, () => rng.normal());
    const m = Float32Array.from({ length: 48 }, () => rng.normal());
    const paulis = tfjsCircuit(circuit, {
      weights: tf.tensor1d(Float32Array.from(w)),
      inputs: tf.tensor2d(Float32Array.from(f), [1, 64]),
    });
    const q = hermitianReadout(paulis, tf.tensor4d(m, [6, 2, 2, 2])).dataSync();
    const state = denseState(circuit, w, f);
    for (let wire = 0; wire < 6; wire++) {
      const want = denseHermitian(state, m.subarray(8 * wire, 8 * wire + 8), {
        wire,
        n: 6,
      });
      assert.ok(
        Math.abs(q[wire] - want) < 1e-4,
        `trial ${trial} wire ${wire}: ${q[wire]} vs ${want}`,
      );
    }
  }
});

Deno.test("hermitianPauliCoefficients() gives c0 = tr H/2 and cz = (H00 − H11)/2 when A is diagonal", () => {
  const m = tf.tensor4d([3, 9, 0, 0, 0, 0, 1, -9], [1, 2, 2, 2]);
  assert.deepEqual(Array.from(hermitianPauliCoefficients(m).dataSync()), [
    2,
    0,
    0,
    1,
  ]);
});

Deno.test("hermitianReadout() throws a RangeError naming both shapes when they disagree", () => {
  assert.throws(
    () => hermitianReadout(tf.zeros([2, 6]), tf.zeros([6, 2, 2, 2])),
    /Cannot read out 6 Hermitian observables: expected Pauli expectations \[B, 18\], got \[2,6\]/,
  );
  assert.throws(
    () => hermitianPauliCoefficients(tf.zeros([6, 2, 2])),
    /Cannot read Hermitian parameters: expected shape \[n, 2, 2, 2\], got \[6,2,2\]/,
  );
});
