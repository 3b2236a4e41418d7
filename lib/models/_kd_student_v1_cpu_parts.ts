/**
 * Parameter layout, tfjs weight conversion and max-pooling of the typed-array
 * v1 student (`kd_student_v1_cpu.ts`).
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { KdStudentV1Model } from "./kd_student_v1.ts";

/** Offsets of each layer in the flat parameter vector, in tfjs variable order. */
export function layout(nQubits: number) {
  const shapes: [number, number, number, number][] = [ // [KH, KW, I, O] as tfjs
    [5, 5, 1, 10],
    [5, 5, 10, 20],
    [1, 1, 320, 50],
    [1, 1, 50, nQubits],
  ];
  const kernels: number[] = [];
  const biases: number[] = [];
  let at = 0;
  for (const [kh, kw, ci, co] of shapes) {
    kernels.push(at);
    at += kh * kw * ci * co;
    biases.push(at);
    at += co;
  }
  return { shapes, kernels, biases, nParams: at };
}

/** tfjs [KH,KW,I,O] index ((ky·KW + kx)·I + i)·O + o ↔ ours ((o·KH + ky)·KW + kx)·I + i. */
function eachKernelIndex(
  [kh, kw, ci, co]: [number, number, number, number],
  f: (tfjs: number, ours: number) => void,
): void {
  for (let ky = 0; ky < kh; ky++) {
    for (let kx = 0; kx < kw; kx++) {
      for (let i = 0; i < ci; i++) {
        for (let o = 0; o < co; o++) {
          f(
            ((ky * kw + kx) * ci + i) * co + o,
            ((o * kh + ky) * kw + kx) * ci + i,
          );
        }
      }
    }
  }
}

/** Copies tfjs-ordered variable values (kernels HWIO / [in, out]) into `params`, reordering the kernels. */
export function readTfjsWeights(
  nQubits: number,
  options: { values: ArrayLike<number>[]; params: Float64Array },
): void {
  const { values, params } = options;
  const { shapes, kernels, biases } = layout(nQubits);
  values.forEach((value, v) => {
    const layer = v >> 1;
    if (v % 2 === 1) {
      for (let i = 0; i < value.length; i++) {
        params[biases[layer] + i] = value[i];
      }
    } else {
      eachKernelIndex(shapes[layer], (t, o) => {
        params[kernels[layer] + o] = value[t];
      });
    }
  });
}

/** Assigns `params` to the tfjs model's variables, in tfjs order. */
export function writeTfjsWeights(
  model: KdStudentV1Model,
  params: Float64Array,
): void {
  const { shapes, kernels, biases } = layout(model.v1.nQubits);
  model.variables.forEach(({ variable }, v) => {
    const layer = v >> 1;
    const values = new Float32Array(variable.size);
    if (v % 2 === 1) {
      for (let i = 0; i < values.length; i++) {
        values[i] = params[biases[layer] + i];
      }
    } else {
      eachKernelIndex(shapes[layer], (t, o) => {
        values[t] = params[kernels[layer] + o];
      });
    }
    tf.tidy(() => variable.assign(tf.tensor(values, variable.shape)));
  });
}

/**
 * 2×2 max-pool of an HWC map (then × `scale[c]`, then relu), recording each
 * window's first maximum in row-major order.
 */
export function pool(
  src: Float64Array,
  options: {
    size: number;
    nC: number;
    arg: Int32Array;
    out: Float64Array;
    scale: Float64Array | null;
  },
): void {
  const { size, nC, arg, out, scale } = options;
  const half = size / 2;
  for (let py = 0; py < half; py++) {
    for (let px = 0; px < half; px++) {
      for (let c = 0; c < nC; c++) {
        const q = (py * half + px) * nC + c;
        const s = scale === null ? 1 : scale[c];
        if (s === 0) {
          out[q] = 0;
          arg[q] = -1;
          continue;
        }
        // First maximum in row-major order (PyTorch's tie rule).
        const a0 = ((2 * py) * size + 2 * px) * nC + c;
        const a1 = a0 + nC, a2 = a0 + size * nC, a3 = a2 + nC;
        let best = a0;
        if (src[a1] > src[best]) best = a1;
        if (src[a2] > src[best]) best = a2;
        if (src[a3] > src[best]) best = a3;
        arg[q] = best;
        const v = src[best] * s;
        out[q] = v > 0 ? v : 0;
      }
    }
  }
}
