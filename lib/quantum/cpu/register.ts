/**
 * Every kernel of the CPU backend, collected by name (tfjs's `register_all_kernels.ts`).
 *
 * @module
 */

import type { CpuKernel } from "./_kernel.ts";
import { adjointRbsKernel } from "./adjoint_rbs.ts";
import { adjointU1Kernel } from "./adjoint_u1.ts";
import { u1Kernel } from "./apply_u1.ts";
import { u2Kernel } from "./apply_u2.ts";
import { diagonalKernel } from "./diagonal.ts";
import { permutationKernel } from "./permutation.ts";
import { rbsKernel } from "./rbs.ts";

/**
 * The CPU kernels keyed by kernel name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CPU_KERNELS } from "./register.ts";
 * assert.equal(CPU_KERNELS.get("RBS")?.backend, "cpu");
 * assert.equal(CPU_KERNELS.size, 7);
 * ```
 */
export const CPU_KERNELS: ReadonlyMap<string, CpuKernel> = new Map(
  [
    u1Kernel,
    adjointU1Kernel,
    rbsKernel,
    adjointRbsKernel,
    permutationKernel,
    diagonalKernel,
    u2Kernel,
  ].map((k) => [k.kernel, k]),
);
