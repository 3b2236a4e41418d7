/**
 * The two ways to apply a rank-r SVD of a conv kernel (notes §1.2, issue 8):
 *
 * - {@linkcode lowRankKernel}: reconstruct U_r Σ_r V_rᵀ and reshape it back to
 *   the full `[kH, kW, Cin, Cout]` kernel, as the published code does. The
 *   layer keeps its parameter count and MACs.
 * - {@linkcode factorizeConvKernel}: keep the factors as two layers, a k×k
 *   conv Cin → r (filters √Σ_r V_rᵀ) and a 1×1 conv r → Cout (√Σ_r U_rᵀ).
 *   Parameters and MACs per output pixel drop from Cout·Cin·k² to
 *   r·(Cin·k² + Cout).
 *
 * @module
 */

import {
  fromTorchLayout,
  type KernelShape,
  toTorchLayout,
} from "./torch_layout.ts";
import { reconstructSvd, truncatedSvd } from "./truncated_svd.ts";

/**
 * Dense rank-r reconstruction of a conv kernel, the published "tensor
 * decomposition" (W_f = U Σ Vᵀ ≈ U_r Σ_r V_rᵀ, reshaped back).
 *
 * @param kernel Kernel in tfjs layout.
 * @param shape `[kH, kW, Cin, Cout]`.
 * @param options `rank` r (r ≥ min(Cout, Cin·k²) leaves the kernel unchanged).
 * @returns The reconstructed kernel, same layout and shape.
 * @throws {RangeError} If the shape does not match or the rank is not a positive integer.
 *
 * @example A rank-1 kernel is reproduced at rank 1
 * ```ts
 * import assert from "node:assert/strict";
 * import { lowRankKernel } from "./low_rank_conv.ts";
 * const w = new Float32Array([1, 2, 2, 4]); // [1,1,2,2]: outer product (1,2)ᵀ(1,2)
 * const r = lowRankKernel(w, [1, 1, 2, 2], { rank: 1 });
 * assert.ok(r.every((v, i) => Math.abs(v - w[i]) < 1e-5));
 * ```
 */
export function lowRankKernel(
  kernel: ArrayLike<number>,
  shape: KernelShape,
  options: { rank: number },
): Float32Array {
  const [kH, kW, cIn, cOut] = shape;
  const wf = toTorchLayout(kernel, shape); // W_f [Cout, Cin·kH·kW]
  if (options.rank >= Math.min(cOut, cIn * kH * kW)) {
    return Float32Array.from(kernel);
  }
  const svd = truncatedSvd(wf, [cOut, cIn * kH * kW], options);
  return fromTorchLayout(reconstructSvd(svd), shape);
}

/** Two conv kernels whose composition is the rank-r kernel. */
export interface FactorizedKernel {
  /** k×k kernel Cin → r, `[kH, kW, Cin, r]`; keeps the layer's stride and padding. */
  first: Float32Array;
  /** Shape of `first`. */
  firstShape: KernelShape;
  /** 1×1 kernel r → Cout, `[1, 1, r, Cout]`, stride 1. */
  second: Float32Array;
  /** Shape of `second`. */
  secondShape: KernelShape;
  /** Retained singular values s_1 … s_r. */
  s: Float64Array;
}

/**
 * Splits a conv kernel into a k×k conv to r channels and a 1×1 conv to Cout
 * from its rank-r SVD, with √s_j on each side:
 * first_j = √s_j·v_j (reshaped to `[kH, kW, Cin]`), second[j, o] = √s_j·u_{o j}.
 *
 * @param kernel Kernel in tfjs layout.
 * @param shape `[kH, kW, Cin, Cout]`.
 * @param options `rank` r, clamped to min(Cout, Cin·k²).
 * @returns The two kernels and the singular values.
 * @throws {RangeError} If the shape does not match or the rank is not a positive integer.
 *
 * @example Shapes of a 3×3, 4 → 8 kernel at rank 2
 * ```ts
 * import assert from "node:assert/strict";
 * import { factorizeConvKernel } from "./low_rank_conv.ts";
 * const w = Float32Array.from({ length: 3 * 3 * 4 * 8 }, (_, i) => Math.sin(i));
 * const f = factorizeConvKernel(w, [3, 3, 4, 8], { rank: 2 });
 * assert.deepEqual(f.firstShape, [3, 3, 4, 2]);
 * assert.deepEqual(f.secondShape, [1, 1, 2, 8]);
 * ```
 */
export function factorizeConvKernel(
  kernel: ArrayLike<number>,
  shape: KernelShape,
  options: { rank: number },
): FactorizedKernel {
  const [kH, kW, cIn, cOut] = shape;
  const n = cIn * kH * kW;
  const svd = truncatedSvd(toTorchLayout(kernel, shape), [cOut, n], options);
  const r = svd.shape[2];
  const root = svd.s.map(Math.sqrt);
  // first in PyTorch order [r, Cin, kH, kW]: row j = √s_j · v_jᵀ
  const firstTorch = new Float32Array(r * n);
  for (let j = 0; j < r; j++) {
    for (let c = 0; c < n; c++) {
      firstTorch[j * n + c] = root[j] * svd.v[c * r + j];
    }
  }
  const firstShape: KernelShape = [kH, kW, cIn, r];
  const second = new Float32Array(r * cOut); // [1, 1, r, Cout]
  for (let j = 0; j < r; j++) {
    for (let o = 0; o < cOut; o++) {
      second[j * cOut + o] = root[j] * svd.u[o * r + j];
    }
  }
  return {
    first: fromTorchLayout(firstTorch, firstShape),
    firstShape,
    second,
    secondShape: [1, 1, r, cOut],
    s: svd.s,
  };
}
