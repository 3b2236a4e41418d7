/**
 * Kernels U1Layer2 … U1Layer4: single-qubit unitaries U_0 … U_{K−1} on K distinct wires in one
 * pass over the state (they commute, so ψ ← (⊗_j U_j) ψ). Each invocation loads the 2^K
 * amplitudes that differ only on those wires, applies every U_j to them in registers and writes
 * them back, so a layer of n gates costs ⌈n/K⌉ passes instead of n. The WGSL is generated per K
 * as straight-line code: no loops or dynamically indexed arrays, which llvmpipe runs slowly.
 *
 * `bitA` packs the wires' bit positions, ascending, 8 bits each; `mats` holds
 * [U_0, …, U_{K−1}] (4 entries each) at `mat + s·stride`. Forward only: the backward pass visits
 * the layer's parts with AdjointU1 / U1.
 *
 * @module
 */

import type { DispatchRecorder, WebgpuKernel } from "./_kernel.ts";
import { kernelSource, MAX_LAYER_WIRES, type StepArgs } from "./_wgsl.ts";

/**
 * Kernel name of the layer kernel for K wires.
 *
 * @param nWires K, 2 … MAX_LAYER_WIRES.
 * @returns "U1Layer" followed by K.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { u1LayerKernelName } from "./apply_u1_layer.ts";
 * assert.equal(u1LayerKernelName(3), "U1Layer3");
 * ```
 */
export function u1LayerKernelName(nWires: number): string {
  return `U1Layer${nWires}`;
}

function body(nWires: number): string {
  const wires = [...Array(nWires).keys()],
    local = [...Array(2 ** nWires).keys()];
  const offset = (l: number) =>
    wires.filter((j) => (l >> j) & 1).map((j) => ` + o${j}`).join("");
  const lines = [
    "fn run(s: u32, k: u32) {",
    "  let B = step.batch;",
    ...wires.map((j) => `  let b${j} = (step.bitA >> ${8 * j}u) & 255u;`),
    "  var base = k;",
    ...wires.map((j) => `  base = insertZero(base, b${j});`),
    "  let i0 = base * B + s;",
    ...wires.map((j) => `  let o${j} = (1u << b${j}) * B;`),
    ...local.map((l) => `  var a${l} = psi[i0${offset(l)}];`),
    "  let m = step.mat + s * step.stride;",
  ];
  for (const j of wires) {
    lines.push(
      `  {`,
      ...[0, 1, 2, 3].map((e) => `    let u${e} = mats[m + ${4 * j + e}u];`),
    );
    for (const l of local.filter((l) => !((l >> j) & 1))) {
      const h = l | (1 << j);
      lines.push(
        `    let x${l} = a${l};`,
        `    a${l} = cmul(u0, x${l}) + cmul(u1, a${h});`,
        `    a${h} = cmul(u2, x${l}) + cmul(u3, a${h});`,
      );
    }
    lines.push("  }");
  }
  lines.push(...local.map((l) => `  psi[i0${offset(l)}] = a${l};`), "}");
  return lines.join("\n");
}

function layerKernel(nWires: number): WebgpuKernel {
  const kernel = u1LayerKernelName(nWires);
  return {
    kernel,
    backend: "webgpu",
    wgsl: kernelSource(body(nWires), { layout: "grid" }),
    run(recorder: DispatchRecorder, step: StepArgs): void {
      const items = 2 ** ((step.n ?? 0) - nWires);
      recorder.dispatch(kernel, { layout: "grid", items }, step);
    },
  };
}

/**
 * Single-qubit layer kernels for K = 2 … MAX_LAYER_WIRES wires: one invocation per (block of
 * 2^K amplitudes, sample).
 *
 * @example Registered names
 * ```ts
 * import assert from "node:assert/strict";
 * import { applyU1LayerKernels } from "./apply_u1_layer.ts";
 * assert.deepEqual(applyU1LayerKernels.map((k) => k.kernel), ["U1Layer2", "U1Layer3", "U1Layer4"]);
 * ```
 */
export const applyU1LayerKernels: readonly WebgpuKernel[] = Array.from(
  { length: MAX_LAYER_WIRES - 1 },
  (_, i) => layerKernel(i + 2),
);
