/**
 * Host-side maps between the measured rows and the circuit's outputs, and the reduction of the
 * per-sample gradient slots into weight and input gradients.
 *
 * @module
 */

import type { Param } from "../circuit.ts";
import { angle, blockAddress } from "./_fill_matrices.ts";
import { gOffset, type Plan } from "./_plan.ts";

/** Hermitian coefficients (a, b, c, d) of sample s. */
function hermitian(
  params: readonly Param[],
  weights: ArrayLike<number>,
  inputs: ArrayLike<number>,
  rowStart: number,
): number[] {
  return params.map((p) => angle(p, { weights, inputs, rowStart }));
}

/**
 * Outputs [B, O] from rows [B, R]; ⟨H⟩ = (a+b)/2·⟨I⟩ + (a−b)/2·⟨Z⟩ + c·⟨X⟩ + d·⟨Y⟩.
 *
 * @param plan The lowered circuit.
 * @param args Rows, weights, inputs (for Hermitian coefficients) and batch size.
 * @returns Outputs, row-major [B, O].
 */
export function rowsToOutputs(
  plan: Plan,
  args: {
    rows: Float32Array;
    weights: ArrayLike<number>;
    inputs: ArrayLike<number>;
    batch: number;
  },
): Float32Array {
  const { rows, weights, inputs, batch } = args;
  const R = plan.nRows, O = plan.nOutputs, nIn = plan.circuit.nInputs;
  const out = new Float32Array(batch * O);
  for (let s = 0; s < batch; s++) {
    let o = s * O;
    for (const m of plan.outputs) {
      const r = s * R + m.row;
      if (m.kind === "rows") {
        out.set(rows.subarray(r, r + m.size), o);
        o += m.size;
      } else {
        const [a, b, c, d] = hermitian(m.params, weights, inputs, s * nIn);
        out[o++] = ((a + b) / 2) * rows[r] + ((a - b) / 2) * rows[r + 1] +
          c * rows[r + 2] +
          d * rows[r + 3];
      }
    }
  }
  return out;
}

/**
 * Upstream gradient of the rows [B, R] from that of the outputs [B, O].
 *
 * @param plan The lowered circuit.
 * @param args dL/d(outputs), weights, inputs (for Hermitian coefficients) and batch size.
 * @returns dL/d(rows), row-major [B, R].
 */
export function outputGradToRows(
  plan: Plan,
  args: {
    dy: ArrayLike<number>;
    weights: ArrayLike<number>;
    inputs: ArrayLike<number>;
    batch: number;
  },
): Float32Array<ArrayBuffer> {
  const { dy, weights, inputs, batch } = args;
  const R = plan.nRows, O = plan.nOutputs, nIn = plan.circuit.nInputs;
  const dRows = new Float32Array(batch * R);
  for (let s = 0; s < batch; s++) {
    let o = s * O;
    for (const m of plan.outputs) {
      const r = s * R + m.row;
      if (m.kind === "rows") {
        for (let k = 0; k < m.size; k++) dRows[r + k] = dy[o++];
      } else {
        const [a, b, c, d] = hermitian(m.params, weights, inputs, s * nIn);
        const g = dy[o++];
        dRows[r] = (g * (a + b)) / 2;
        dRows[r + 1] = (g * (a - b)) / 2;
        dRows[r + 2] = g * c;
        dRows[r + 3] = g * d;
      }
    }
  }
  return dRows;
}

function accumulate(
  p: Param,
  g: number,
  s: number,
  nIn: number,
  dWeights: Float64Array,
  dInputs: Float64Array,
): void {
  if (p.kind === "weight") dWeights[p.index] += p.scale * g;
  else if (p.kind === "input") dInputs[s * nIn + p.index] += p.scale * g;
}

/**
 * dL/dw [P] and dL/dx [B, F_in] from the read-back `grads` (gradient slots [slots, B], the
 * amplitude-input gradient [B, F], the layers' G matrices [nG, B, 8]), the uploaded matrices
 * (for the layers' derivative matrices) and, for Hermitian observables, the rows [B, R] and the
 * upstream gradient of the outputs [B, O].
 *
 * @param plan The lowered circuit.
 * @param args Read-back buffers, host matrices, rows, dL/d(outputs) and batch size.
 * @returns dL/dw and dL/dx, accumulated in float64 and returned as float32.
 */
export function reduceGradients(
  plan: Plan,
  args: {
    grads: Float32Array;
    mats: Float32Array;
    rows: Float32Array;
    dy: ArrayLike<number>;
    batch: number;
  },
): { dWeights: Float32Array; dInputs: Float32Array } {
  const { grads, mats, rows, dy, batch } = args;
  const c = plan.circuit, nIn = c.nInputs;
  const dWeights = new Float64Array(c.nWeights);
  const dInputs = new Float64Array(batch * nIn);
  // Slots of layer parts: ∂L/∂θ = 2·Re Σ_rc D_rc·G_rc (adjoint_layer.ts), D from the uploaded
  // matrices, G from the GPU.
  const fromG = new Uint8Array(plan.slots.length), gOff = gOffset(plan, batch);
  for (const step of plan.steps) {
    if (step.kind !== "layer") continue;
    step.parts.forEach((part, j) => {
      const { mat, stride } = blockAddress(plan, part.block, batch);
      part.derivs.forEach((d, k) => {
        fromG[d.slot] = 1;
        for (let s = 0; s < batch; s++) {
          const dm = 2 * (mat + s * stride + 4 * (k + 1));
          const gm = gOff + ((step.gIndex + j) * batch + s) * 8;
          let re = 0;
          for (let e = 0; e < 8; e += 2) {
            re += mats[dm + e] * grads[gm + e] -
              mats[dm + e + 1] * grads[gm + e + 1];
          }
          accumulate(plan.slots[d.slot], 2 * re, s, nIn, dWeights, dInputs);
        }
      });
    });
  }
  plan.slots.forEach((p, slot) => {
    if (fromG[slot]) return;
    for (let s = 0; s < batch; s++) {
      accumulate(p, grads[slot * batch + s], s, nIn, dWeights, dInputs);
    }
  });
  if (c.init.kind === "amplitude") {
    const F = c.init.nFeatures, off = plan.slots.length * batch;
    for (let s = 0; s < batch; s++) {
      for (let j = 0; j < F; j++) {
        dInputs[s * nIn + j] += grads[off + s * F + j];
      }
    }
  }
  const R = plan.nRows, O = plan.nOutputs;
  for (let s = 0; s < batch; s++) {
    let o = s * O;
    for (const m of plan.outputs) {
      if (m.kind === "rows") {
        o += m.size;
        continue;
      }
      // ∂⟨H⟩/∂(a, b, c, d) = ((I + Z)/2, (I − Z)/2, X, Y) rows
      const r = s * R + m.row, g = dy[o++];
      const partial = [
        (rows[r] + rows[r + 1]) / 2,
        (rows[r] - rows[r + 1]) / 2,
        rows[r + 2],
        rows[r + 3],
      ];
      m.params.forEach((p, k) =>
        accumulate(p, g * partial[k], s, nIn, dWeights, dInputs)
      );
    }
  }
  return {
    dWeights: Float32Array.from(dWeights),
    dInputs: Float32Array.from(dInputs),
  };
}
