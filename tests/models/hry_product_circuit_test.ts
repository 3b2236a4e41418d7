import assert from "node:assert/strict";
import { createRng } from "../../lib/runtime/mod.ts";
import { CpuSimulator } from "../../lib/quantum/mod.ts";
import {
  hryProductCircuit,
  hryProductProbs,
  hryProductVjp,
  hryShiftDifferenceVjp,
} from "../../lib/models/hry_product_circuit.ts";

const ATOL = 1e-12;

function randomAngles(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => (2 * rng.next() - 1) * Math.PI);
}

Deno.test("hryProductProbs() matches the closed form p_k = Π ½(1 ± sin θ_j) when Q = 3 and 4", () => {
  for (const nQubits of [3, 4]) {
    const theta = randomAngles(2 * nQubits, nQubits);
    const p = hryProductProbs(theta, [2, nQubits]);
    for (let b = 0; b < 2; b++) {
      let total = 0;
      for (let k = 0; k < 1 << nQubits; k++) {
        let expected = 1;
        for (let j = 0; j < nQubits; j++) {
          const s = (k >> j) & 1 ? 1 : -1;
          expected *= 0.5 * (1 + s * Math.sin(theta[b * nQubits + j]));
        }
        assert.ok(Math.abs(p[b * (1 << nQubits) + k] - expected) < ATOL);
        total += p[b * (1 << nQubits) + k];
      }
      assert.ok(Math.abs(total - 1) < ATOL);
    }
  }
});

Deno.test("hryProductProbs() matches the statevector simulator on hryProductCircuit() when Q = 3", () => {
  const theta = randomAngles(6, 7);
  const sim = new CpuSimulator(hryProductCircuit(3), { batch: 2 });
  const simulated = sim.forward({ inputs: theta });
  const closed = hryProductProbs(theta, [2, 3]);
  for (let i = 0; i < closed.length; i++) {
    assert.ok(Math.abs(simulated[i] - closed[i]) < 1e-12, `entry ${i}`);
  }
});

Deno.test("hryProductProbs() gives the notebooks' p('111') ≈ 0.622 at θ = π/4 when Q = 3", () => {
  const p = hryProductProbs(new Float64Array(3).fill(Math.PI / 4), [1, 3]);
  assert.ok(Math.abs(p[7] - 0.622) < 1e-3);
});

Deno.test("hryProductVjp() matches central finite differences of the probabilities", () => {
  const nQubits = 4;
  const theta = randomAngles(2 * nQubits, 11);
  const dProbs = randomAngles(2 * 16, 12);
  const grad = hryProductVjp(theta, [2, nQubits], { dProbs });
  const h = 1e-6;
  for (let i = 0; i < theta.length; i++) {
    const plus = theta.slice();
    const minus = theta.slice();
    plus[i] += h;
    minus[i] -= h;
    const pp = hryProductProbs(plus, [2, nQubits]);
    const pm = hryProductProbs(minus, [2, nQubits]);
    let fd = 0;
    for (let k = 0; k < pp.length; k++) {
      fd += dProbs[k] * (pp[k] - pm[k]) / (2 * h);
    }
    assert.ok(Math.abs(grad[i] - fd) < 1e-8, `θ[${i}]: ${grad[i]} vs ${fd}`);
  }
});

Deno.test("hryShiftDifferenceVjp() equals √2 × the exact gradient when probabilities are exact", () => {
  for (const nQubits of [3, 4]) {
    const theta = randomAngles(3 * nQubits, 20 + nQubits);
    const dProbs = randomAngles(3 << nQubits, 30 + nQubits);
    const code = hryShiftDifferenceVjp(theta, [3, nQubits], { dProbs });
    const exact = hryProductVjp(theta, [3, nQubits], { dProbs });
    for (let i = 0; i < code.length; i++) {
      assert.ok(Math.abs(code[i] - Math.SQRT2 * exact[i]) < ATOL, `θ[${i}]`);
    }
  }
});

Deno.test("hryShiftDifferenceVjp() is √2 × exact up to shot noise when sampling shots", () => {
  const theta = new Float64Array([0.4, -0.9, 2.0]);
  const dProbs = Float64Array.from({ length: 8 }, (_, k) => (k % 3) - 1);
  const exact = hryProductVjp(theta, [1, 3], { dProbs });
  const rng = createRng(5);
  const noisy = hryShiftDifferenceVjp(theta, [1, 3], {
    dProbs,
    shots: 200000,
    rng,
  });
  // Each difference of two 200k-shot estimates has sd below 0.01 here.
  for (let j = 0; j < 3; j++) {
    assert.ok(Math.abs(noisy[j] - Math.SQRT2 * exact[j]) < 0.02);
  }
  const again = hryShiftDifferenceVjp(theta, [1, 3], {
    dProbs,
    shots: 1000,
    rng: createRng(9),
  });
  const same = hryShiftDifferenceVjp(theta, [1, 3], {
    dProbs,
    shots: 1000,
    rng: createRng(9),
  });
  assert.deepEqual(again, same);
});

Deno.test("hryProductProbs() and hryShiftDifferenceVjp() name expected versus got when shapes are wrong", () => {
  assert.throws(
    () => hryProductProbs(new Float64Array(5), [2, 3]),
    /Cannot evaluate the H·RY product circuit: expected 2×3 angles with 1 ≤ Q ≤ 16, got 5/,
  );
  assert.throws(
    () =>
      hryProductVjp(new Float64Array(2), [1, 2], {
        dProbs: new Float64Array(3),
      }),
    /Cannot differentiate the H·RY product circuit: expected 1×4 upstream gradients, got 3/,
  );
  assert.throws(
    () =>
      hryShiftDifferenceVjp(new Float64Array(1), [1, 1], {
        dProbs: [0, 1],
        shots: 10,
      }),
    /Cannot sample the shifted circuits: expected an rng with shots=10, got none/,
  );
  assert.throws(
    () => hryProductCircuit(0),
    /Cannot build the H·RY circuit: expected a positive integer qubit count, got 0/,
  );
});
