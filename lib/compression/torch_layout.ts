/**
 * Conversion between tfjs conv kernels `[kH, kW, Cin, Cout]` and PyTorch's
 * `[Cout, Cin, kH, kW]`. The QIANets code walks weights in PyTorch row-major
 * order (neighbour pruning) and flattens them to `W_f ∈ ℝ^{Cout × Cin·kH·kW}`
 * (SVD), so both steps run on the PyTorch layout (notes §8, "Pruning").
 *
 * @module
 */

/** A conv kernel shape in tfjs order `[kH, kW, Cin, Cout]`. */
export type KernelShape = [kH: number, kW: number, cIn: number, cOut: number];

/**
 * Reorders a tfjs kernel `[kH, kW, Cin, Cout]` into PyTorch order
 * `[Cout, Cin, kH, kW]`; read row-major, it is also the flattened matrix
 * `W_f` of shape `[Cout, Cin·kH·kW]`.
 *
 * @param kernel Kernel values in tfjs order.
 * @param shape The tfjs shape.
 * @returns A new array in PyTorch order.
 * @throws {RangeError} If `kernel.length` is not the product of `shape`.
 *
 * @example A 1×1 kernel with Cin = 2, Cout = 3
 * ```ts
 * import assert from "node:assert/strict";
 * import { toTorchLayout } from "./torch_layout.ts";
 * // tfjs [1,1,2,3]: w[cin][cout] = 10·cin + cout
 * const w = new Float32Array([0, 1, 2, 10, 11, 12]);
 * assert.deepEqual(Array.from(toTorchLayout(w, [1, 1, 2, 3])), [0, 10, 1, 11, 2, 12]);
 * ```
 */
export function toTorchLayout(
  kernel: ArrayLike<number>,
  shape: KernelShape,
): Float32Array {
  const [kH, kW, cIn, cOut] = checkShape(kernel, shape);
  const out = new Float32Array(kernel.length);
  for (let h = 0; h < kH; h++) {
    for (let w = 0; w < kW; w++) {
      for (let i = 0; i < cIn; i++) {
        const src = ((h * kW + w) * cIn + i) * cOut;
        for (let o = 0; o < cOut; o++) {
          out[((o * cIn + i) * kH + h) * kW + w] = kernel[src + o];
        }
      }
    }
  }
  return out;
}

/**
 * Inverse of {@linkcode toTorchLayout}: PyTorch order back to tfjs order.
 *
 * @param torch Values in PyTorch order `[Cout, Cin, kH, kW]`.
 * @param shape The tfjs shape `[kH, kW, Cin, Cout]` to produce.
 * @returns A new array in tfjs order.
 * @throws {RangeError} If `torch.length` is not the product of `shape`.
 *
 * @example Round trip
 * ```ts
 * import assert from "node:assert/strict";
 * import { fromTorchLayout, toTorchLayout } from "./torch_layout.ts";
 * const w = Float32Array.from({ length: 24 }, (_, i) => i);
 * const shape = [2, 2, 3, 2] as [number, number, number, number];
 * assert.deepEqual(fromTorchLayout(toTorchLayout(w, shape), shape), w);
 * ```
 */
export function fromTorchLayout(
  torch: ArrayLike<number>,
  shape: KernelShape,
): Float32Array {
  const [kH, kW, cIn, cOut] = checkShape(torch, shape);
  const out = new Float32Array(torch.length);
  for (let o = 0; o < cOut; o++) {
    for (let i = 0; i < cIn; i++) {
      for (let h = 0; h < kH; h++) {
        for (let w = 0; w < kW; w++) {
          out[((h * kW + w) * cIn + i) * cOut + o] =
            torch[((o * cIn + i) * kH + h) * kW + w];
        }
      }
    }
  }
  return out;
}

function checkShape(data: ArrayLike<number>, shape: KernelShape): KernelShape {
  const n = shape.reduce((a, b) => a * b, 1);
  if (shape.length !== 4 || data.length !== n) {
    throw new RangeError(
      `Cannot reorder conv kernel: expected ${n} values for shape [${shape}], got ${data.length}`,
    );
  }
  return shape;
}
