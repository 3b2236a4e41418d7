/**
 * Host side of a pass: the gate matrices of every step for the current weights and inputs,
 * written as float32 complex entries into the `mats` upload. Shared blocks come first; the
 * per-sample block of a step at per-sample offset o starts at `sharedEntries + B·o` with one
 * block per sample.
 *
 * @module
 */

import type { Param } from "../circuit.ts";
import { gateMatrix, gateMatrixDerivative } from "../gates.ts";
import type { MatrixBlock, Plan, PlanStep } from "./_plan.ts";

/** Where the angles of one sample come from. */
export interface AngleSource {
  /** Weight vector [P]. */
  weights: ArrayLike<number>;
  /** Input rows [B, F_in], row-major. */
  inputs: ArrayLike<number>;
  /** Index of the sample's first feature in `inputs` (s·F_in). */
  rowStart: number;
}

/**
 * Angle of a parameter for one sample: scale·w[i], scale·x[s, i] or the constant.
 *
 * @param p The parameter.
 * @param source Weights, inputs and the sample's row start.
 * @returns The angle in radians.
 *
 * @example An input angle of sample 1
 * ```ts
 * import assert from "node:assert/strict";
 * import { angle } from "./_fill_matrices.ts";
 * const p = { kind: "input" as const, index: 1, scale: 2 };
 * assert.equal(angle(p, { weights: [], inputs: [0, 0, 5, 7], rowStart: 2 }), 14);
 * ```
 */
export function angle(
  p: Param,
  { weights, inputs, rowStart }: AngleSource,
): number {
  if (p.kind === "const") return p.value;
  return p.scale *
    (p.kind === "weight" ? weights[p.index] : inputs[rowStart + p.index]);
}

/**
 * Address of a step's matrix block at batch size B.
 *
 * @param plan The lowered circuit.
 * @param block The block.
 * @param batch Samples B.
 * @returns `mat`, the first complex entry (of sample 0), and `stride`, the entries between
 * samples (0 for a shared block).
 */
export function blockAddress(
  plan: Plan,
  block: MatrixBlock,
  batch: number,
): { mat: number; stride: number } {
  return block.perSample
    ? { mat: plan.sharedEntries + batch * block.offset, stride: block.size }
    : { mat: block.offset, stride: 0 };
}

const IDENTITY = Float64Array.from([1, 0, 0, 0, 0, 0, 1, 0]);

function mul2(a: Float64Array, b: Float64Array): Float64Array {
  const o = new Float64Array(8);
  for (let r = 0; r < 2; r++) {
    for (let c = 0; c < 2; c++) {
      let re = 0, im = 0;
      for (let k = 0; k < 2; k++) {
        const ar = a[4 * r + 2 * k], ai = a[4 * r + 2 * k + 1];
        const br = b[4 * k + 2 * c], bi = b[4 * k + 2 * c + 1];
        re += ar * br - ai * bi;
        im += ar * bi + ai * br;
      }
      o[4 * r + 2 * c] = re;
      o[4 * r + 2 * c + 1] = im;
    }
  }
  return o;
}

// U = U_m ⋯ U_1 and D_j = U_m ⋯ U_{k+1} · ∂U_k · U_{k−1} ⋯ U_1 for angle j of factor k.
function fillFused(
  step: Extract<PlanStep, { kind: "u1" }>,
  weights: ArrayLike<number>,
  inputs: ArrayLike<number>,
  rowStart: number,
  out: Float32Array,
  at: number,
): void {
  const m = step.factors.length;
  const angles = step.factors.map((f) =>
    f.params.map((p) => angle(p, { weights, inputs, rowStart }))
  );
  const us = step.factors.map((f, k) =>
    f.matrix ?? gateMatrix(f.gate, angles[k])
  );
  const prefix: Float64Array[] = [];
  let acc: Float64Array = IDENTITY;
  for (let k = 0; k < m; k++) prefix.push(acc = mul2(us[k], acc));
  out.set(acc, 2 * at);
  if (step.derivs.length === 0) return;
  const suffix: Float64Array[] = new Array(m);
  acc = IDENTITY;
  for (let k = m - 1; k >= 0; k--) {
    suffix[k] = acc;
    acc = mul2(acc, us[k]);
  }
  step.derivs.forEach((d, j) => {
    const f = step.factors[d.factor];
    const du = gateMatrixDerivative(f.gate, angles[d.factor], d.param);
    const before = d.factor > 0 ? prefix[d.factor - 1] : IDENTITY;
    out.set(mul2(suffix[d.factor], mul2(du, before)), 2 * (at + 4 * (j + 1)));
  });
}

function fillStep(
  step: PlanStep,
  weights: ArrayLike<number>,
  inputs: ArrayLike<number>,
  rowStart: number,
  out: Float32Array,
  at: number,
): void {
  if (step.kind === "u1") fillFused(step, weights, inputs, rowStart, out, at);
  else if (step.kind === "rbs") {
    const theta = angle(step.param, { weights, inputs, rowStart });
    out[2 * at] = Math.cos(theta);
    out[2 * at + 1] = Math.sin(theta);
  } else if (step.kind === "u2") out.set(step.matrix, 2 * at);
}

/**
 * Write every step's matrices into `out` (2 floats per complex entry).
 *
 * @param plan The lowered circuit.
 * @param args Weights [P], inputs [B, F_in] row-major, batch B and the destination
 * (`2·(sharedEntries + B·perSampleEntries)` floats).
 */
export function fillMatrices(
  plan: Plan,
  args: {
    weights: ArrayLike<number>;
    inputs: ArrayLike<number>;
    batch: number;
    out: Float32Array;
  },
): void {
  const { weights, inputs, batch, out } = args;
  const nIn = plan.circuit.nInputs;
  const fill = (step: PlanStep) => {
    if (step.kind === "fixed" || step.kind === "diagonal") return;
    const { mat, stride } = blockAddress(plan, step.block, batch);
    if (step.kind === "layer") {
      step.parts.forEach(fill);
      // the layer block repeats each part's U (4 entries), per sample if any part is
      const nCopies = step.block.perSample ? batch : 1;
      step.parts.forEach((part, j) => {
        const src = blockAddress(plan, part.block, batch);
        for (let s = 0; s < nCopies; s++) {
          const from = 2 * (src.mat + s * src.stride),
            to = 2 * (mat + s * stride + 4 * j);
          out.copyWithin(to, from, from + 8);
        }
      });
    } else if (!step.block.perSample) {
      fillStep(step, weights, inputs, 0, out, mat);
    } else {
      for (let s = 0; s < batch; s++) {
        fillStep(step, weights, inputs, s * nIn, out, mat + s * stride);
      }
    }
  };
  plan.steps.forEach(fill);
}
