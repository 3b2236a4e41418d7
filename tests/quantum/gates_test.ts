import assert from "node:assert/strict";
import {
  GATE_SPECS,
  gateMatrix,
  gateMatrixDerivative,
  type GateName,
  isGateName,
  matMul,
} from "../../lib/quantum/mod.ts";

const PARAMETRIZED = (Object.keys(GATE_SPECS) as GateName[]).filter((g) =>
  GATE_SPECS[g].nParams > 0
);
const CONSTANT = (Object.keys(GATE_SPECS) as GateName[]).filter(
  (g) => GATE_SPECS[g].nParams === 0 && g !== "QubitUnitary",
);
const angles = (g: GateName) =>
  [0.37, -1.1, 2.3].slice(0, GATE_SPECS[g].nParams);

function dagger(m: Float64Array): Float64Array {
  const d = Math.round(Math.sqrt(m.length / 2)),
    out = new Float64Array(m.length);
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      out[2 * (r * d + c)] = m[2 * (c * d + r)];
      out[2 * (r * d + c) + 1] = -m[2 * (c * d + r) + 1];
    }
  }
  return out;
}

Deno.test("gateMatrix() returns unitary matrices for every gate", () => {
  for (const g of [...PARAMETRIZED, ...CONSTANT]) {
    const m = gateMatrix(g, angles(g));
    const d = Math.round(Math.sqrt(m.length / 2));
    const p = matMul(dagger(m), m);
    for (let r = 0; r < d; r++) {
      for (let c = 0; c < d; c++) {
        assert.ok(
          Math.abs(p[2 * (r * d + c)] - (r === c ? 1 : 0)) < 1e-15,
          `${g} re[${r},${c}]`,
        );
        assert.ok(
          Math.abs(p[2 * (r * d + c) + 1]) < 1e-15,
          `${g} im[${r},${c}]`,
        );
      }
    }
  }
});

Deno.test("gateMatrix() gives Rot(φ,θ,ω) = RZ(ω)·RY(θ)·RZ(φ) and RX(π) = −iX", () => {
  const [phi, theta, omega] = [0.3, 1.2, -0.8];
  const want = matMul(
    gateMatrix("RZ", [omega]),
    matMul(gateMatrix("RY", [theta]), gateMatrix("RZ", [phi])),
  );
  assert.deepEqual(gateMatrix("Rot", [phi, theta, omega]), want);
  const rx = gateMatrix("RX", [Math.PI]);
  [0, 0, 0, -1, 0, -1, 0, 0].forEach((v, i) =>
    assert.ok(Math.abs(rx[i] - v) < 1e-15)
  );
});

Deno.test("gateMatrixDerivative() matches central finite differences of gateMatrix()", () => {
  const h = 1e-6;
  for (const g of PARAMETRIZED) {
    const a = angles(g);
    for (let k = 0; k < a.length; k++) {
      const ap = a.slice(), am = a.slice();
      ap[k] += h;
      am[k] -= h;
      const mp = gateMatrix(g, ap),
        mm = gateMatrix(g, am),
        d = gateMatrixDerivative(g, a, k);
      d.forEach((v, i) =>
        assert.ok(
          Math.abs(v - (mp[i] - mm[i]) / (2 * h)) < 1e-9,
          `${g} ∂${k} [${i}]`,
        )
      );
    }
  }
});

Deno.test("GATE_SPECS shift rules give exact derivatives of sin and cos at the gate's frequencies", () => {
  // RX/RY/RZ/Rot expectations have frequency 1 in θ (generator eigenvalues ±½); RBS has 1 and 2.
  const cases: [GateName, number[]][] = [["RY", [1]], ["RBS", [1, 2]]];
  for (const [g, freqs] of cases) {
    for (const w of freqs) {
      for (const t of [0.2, -1.3]) {
        const f = (x: number) => Math.sin(w * x) + 0.3 * Math.cos(w * x);
        const got = GATE_SPECS[g].shiftRule.reduce(
          (a, { coeff, shift }) => a + coeff * f(t + shift),
          0,
        );
        const want = w * Math.cos(w * t) - 0.3 * w * Math.sin(w * t);
        assert.ok(Math.abs(got - want) < 1e-14, `${g} ω=${w} t=${t}`);
      }
    }
  }
});

Deno.test("gateMatrix() throws RangeError when the number of angles is wrong", () => {
  assert.throws(
    () => gateMatrix("RY", []),
    /Cannot build RY matrix: expected 1 angles, got 0/,
  );
  assert.throws(
    () => gateMatrix("QubitUnitary", []),
    /the matrix is given as Operation.matrix/,
  );
  assert.throws(
    () => gateMatrixDerivative("RX", [0], 1),
    /expected angle index in \[0, 1\), got 1/,
  );
  assert.equal(isGateName("SWAP"), true);
});

Deno.test("matMul() throws RangeError when the sizes differ", () => {
  assert.throws(
    () => matMul(gateMatrix("X", []), gateMatrix("CZ", [])),
    /Cannot multiply matrices: expected equal lengths 2·d·d, got 8 and 32/,
  );
});
