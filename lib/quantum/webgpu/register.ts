/**
 * Every kernel of the WebGPU backend, collected by name (tfjs's `register_all_kernels.ts`).
 *
 * @module
 */

import type { WebgpuKernel } from "./_kernel.ts";
import { adjointLayerKernels } from "./adjoint_layer.ts";
import { adjointRbsKernel } from "./adjoint_rbs.ts";
import { adjointSeedKernel } from "./adjoint_seed.ts";
import { adjointU1Kernel } from "./adjoint_u1.ts";
import { amplitudeEncodeKernel } from "./amplitude_encode.ts";
import { amplitudeEncodeGradKernel } from "./amplitude_encode_grad.ts";
import { applyU1Kernel } from "./apply_u1.ts";
import { applyU1LayerKernels } from "./apply_u1_layer.ts";
import { applyU2Kernel } from "./apply_u2.ts";
import { cnotKernel } from "./cnot.ts";
import { czKernel } from "./cz.ts";
import { diagonalKernel } from "./diagonal.ts";
import { initZeroKernel } from "./init_zero.ts";
import { measureKernel } from "./measure.ts";
import { rbsKernel } from "./rbs.ts";
import { swapKernel } from "./swap.ts";

export type { DispatchRecorder, WebgpuKernel } from "./_kernel.ts";

/**
 * The WebGPU kernels keyed by kernel name.
 *
 * @example Gate kernels are registered under their gate names
 * ```ts
 * import assert from "node:assert/strict";
 * import { WEBGPU_KERNELS } from "./register.ts";
 * assert.ok(["CNOT", "CZ", "SWAP", "RBS", "U1", "U2"].every((k) => WEBGPU_KERNELS.has(k)));
 * assert.equal(WEBGPU_KERNELS.get("RBS")?.backend, "webgpu");
 * ```
 */
export const WEBGPU_KERNELS: ReadonlyMap<string, WebgpuKernel> = new Map(
  [
    initZeroKernel,
    amplitudeEncodeKernel,
    applyU1Kernel,
    ...applyU1LayerKernels,
    applyU2Kernel,
    cnotKernel,
    czKernel,
    diagonalKernel,
    swapKernel,
    rbsKernel,
    measureKernel,
    adjointSeedKernel,
    adjointU1Kernel,
    ...adjointLayerKernels,
    adjointRbsKernel,
    amplitudeEncodeGradKernel,
  ].map((k) => [k.kernel, k]),
);
