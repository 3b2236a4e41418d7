// Gradients of the rotations inside one fused one-qubit block from its 2×2 overlap matrix
// G_rc = Σ conj(λ_r)·ψ_c (post-block ψ and λ, accumulated by the adjoint kernels).
//
// For U = A·R_k(θ)·B with dR/dθ = (−i/2)σ·R: ⟨λ|A·dR·B|ψ_before⟩ = ⟨λ|A(−iσ/2)A†|ψ_after⟩,
// so ∂L/∂θ = 2·Re Σ_rc (A(−iσ/2)A†)_rc·G_rc with A the product of the gates after k.

import type { Param } from "../circuit.ts";
import { paramValue } from "./_measure.ts";
import { daggerInto, generatorInto, mulInto, reDot, rotInto } from "./_mat2.ts";
import type { Step } from "../_program.ts";

const I2 = Float64Array.from([1, 0, 0, 0, 0, 0, 1, 0]);

/** Context of {@linkcode blockGrads}. */
export interface BlockGradContext {
  weights: ArrayLike<number>;
  inputs: ArrayLike<number>;
  nInputs: number;
  nb: number;
  /** Five Float64Array(8) scratch matrices. */
  scratch: Float64Array[];
  addGrad: (p: Param, b: number, g: number) => void;
}

/** Add ∂L/∂(angle) of every non-constant rotation in the block (g laid out as in adjointU1). */
export function blockGrads(
  step: Step & { kind: "u1" },
  g: Float64Array,
  ctx: BlockGradContext,
): void {
  const { weights, inputs, nInputs, nb, addGrad } = ctx;
  const [u, tmp, a, m, gs] = ctx.scratch;
  const count = step.shared ? 1 : nb;
  for (let b = 0; b < count; b++) {
    for (let e = 0; e < 8; e++) {
      if (step.shared) {
        let s = 0;
        for (let j = 0; j < nb; j++) s += g[e * nb + j];
        gs[e] = s;
      } else gs[e] = g[e * nb + b];
    }
    a.set(I2);
    for (let k = step.gates.length - 1; k >= 0; k--) {
      const gate = step.gates[k];
      if (gate.kind === "const") u.set(gate.matrix);
      else {
        if (gate.param.kind !== "const") {
          generatorInto(gate.axis, u);
          mulInto(a, u, tmp);
          daggerInto(a, u);
          mulInto(tmp, u, m);
          addGrad(gate.param, b, 2 * reDot(m, gs));
        }
        rotInto(
          gate.axis,
          paramValue(gate.param, weights, inputs, nInputs, b),
          u,
        );
      }
      mulInto(a, u, tmp);
      a.set(tmp);
    }
  }
}
