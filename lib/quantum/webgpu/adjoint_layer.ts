/**
 * Kernels AdjointLayer2 … AdjointLayer4: the backward step of adjoint differentiation
 * (arXiv:2009.02823, Alg. 1) through a layer of K single-qubit steps U_0 … U_{K−1} on distinct
 * wires, in one sweep over the state. The layer's gates commute, so undoing them one by one
 * inside each block of 2^K amplitudes (the block holds whole pairs of every wire) equals K
 * whole-state sweeps. For part j, after φ ← U_j†φ and before λ ← U_j†λ, it accumulates
 *
 *   G_j,rc = Σ_pairs conj(λ_r)·φ_c,   so that   ∂L/∂θ = 2·Re Σ_rc (∂U_j/∂θ)_rc · G_j,rc
 *
 * for every angle θ of part j; that last contraction happens on the host (_outputs.ts), which
 * holds the derivative matrices. G_j of sample s is written as 8 floats (re, im of G00, G01,
 * G10, G11) at `grads[gOff + ((slot + j)·B + s)·8]`. `bitA` and `mats` are as for U1Layer.
 *
 * @module
 */

import type { DispatchRecorder, WebgpuKernel } from "./_kernel.ts";
import { kernelSource, MAX_LAYER_WIRES, type StepArgs } from "./_wgsl.ts";

/**
 * Kernel name of the adjoint layer kernel for K wires.
 *
 * @param nWires K, 2 … MAX_LAYER_WIRES.
 * @returns "AdjointLayer" followed by K.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adjointLayerKernelName } from "./adjoint_layer.ts";
 * assert.equal(adjointLayerKernelName(4), "AdjointLayer4");
 * ```
 */
export function adjointLayerKernelName(nWires: number): string {
  return `AdjointLayer${nWires}`;
}

// Straight-line WGSL for K wires (no dynamically indexed arrays, which llvmpipe runs slowly).
function body(nWires: number): string {
  const wires = [...Array(nWires).keys()],
    local = [...Array(2 ** nWires).keys()];
  const offset = (l: number) =>
    wires.filter((j) => (l >> j) & 1).map((j) => ` + o${j}`).join("");
  const rc = ["00", "01", "10", "11"];
  const lines = [
    "fn conjMul(a: vec2f, b: vec2f) -> vec2f {",
    "  return vec2f(a.x * b.x + a.y * b.y, a.x * b.y - a.y * b.x);",
    "}",
    "fn run(s: u32) {",
    "  let B = step.batch;",
    ...wires.map((j) => `  let b${j} = (step.bitA >> ${8 * j}u) & 255u;`),
    ...wires.map((j) => `  let o${j} = (1u << b${j}) * B;`),
    "  let m = step.mat + s * step.stride;",
    // U_j† = [[conj u00, conj u10], [conj u01, conj u11]]
    ...wires.flatMap((j) => [
      `  let v${j}00 = conj(mats[m + ${4 * j}u]);`,
      `  let v${j}01 = conj(mats[m + ${4 * j + 2}u]);`,
      `  let v${j}10 = conj(mats[m + ${4 * j + 1}u]);`,
      `  let v${j}11 = conj(mats[m + ${4 * j + 3}u]);`,
      ...rc.map((e) => `  var g${j}${e} = vec2f(0.0);`),
    ]),
    `  let nBlocks = 1u << (step.n - ${nWires}u);`,
    "  for (var k = 0u; k < nBlocks; k++) {",
    "    var base = k;",
    ...wires.map((j) => `    base = insertZero(base, b${j});`),
    "    let i0 = base * B + s;",
    ...local.flatMap((l) => [
      `    var p${l} = psi[i0${offset(l)}];`,
      `    var q${l} = lam[i0${offset(l)}];`,
    ]),
  ];
  for (const j of [...wires].reverse()) {
    for (const l of local.filter((l) => !((l >> j) & 1))) {
      const h = l | (1 << j), v = `v${j}`;
      lines.push(
        "    {",
        `      let f0 = cmul(${v}00, p${l}) + cmul(${v}01, p${h});`,
        `      let f1 = cmul(${v}10, p${l}) + cmul(${v}11, p${h});`,
        `      p${l} = f0;`,
        `      p${h} = f1;`,
        `      g${j}00 += conjMul(q${l}, f0);`,
        `      g${j}01 += conjMul(q${l}, f1);`,
        `      g${j}10 += conjMul(q${h}, f0);`,
        `      g${j}11 += conjMul(q${h}, f1);`,
        `      let l0 = cmul(${v}00, q${l}) + cmul(${v}01, q${h});`,
        `      q${h} = cmul(${v}10, q${l}) + cmul(${v}11, q${h});`,
        `      q${l} = l0;`,
        "    }",
      );
    }
  }
  lines.push(
    ...local.flatMap((l) => [
      `    psi[i0${offset(l)}] = p${l};`,
      `    lam[i0${offset(l)}] = q${l};`,
    ]),
    "  }",
    ...wires.flatMap((j) => [
      `  let w${j} = step.gOff + ((step.slot + ${j}u) * B + s) * 8u;`,
      ...rc.flatMap((e, i) => [
        `  grads[w${j} + ${2 * i}u] = g${j}${e}.x;`,
        `  grads[w${j} + ${2 * i + 1}u] = g${j}${e}.y;`,
      ]),
    ]),
    "}",
  );
  return lines.join("\n");
}

function adjointKernel(nWires: number): WebgpuKernel {
  const kernel = adjointLayerKernelName(nWires);
  return {
    kernel,
    backend: "webgpu",
    wgsl: kernelSource(body(nWires), { layout: "samples" }),
    run(recorder: DispatchRecorder, step: StepArgs): void {
      recorder.dispatch(kernel, { layout: "samples", items: 1 }, step);
    },
  };
}

/**
 * Adjoint layer kernels for K = 2 … MAX_LAYER_WIRES wires: one invocation per sample.
 *
 * @example Registered names
 * ```ts
 * import assert from "node:assert/strict";
 * import { adjointLayerKernels } from "./adjoint_layer.ts";
 * assert.equal(adjointLayerKernels.at(-1)?.kernel, "AdjointLayer4");
 * ```
 */
export const adjointLayerKernels: readonly WebgpuKernel[] = Array.from(
  { length: MAX_LAYER_WIRES - 1 },
  (_, i) => adjointKernel(i + 2),
);
