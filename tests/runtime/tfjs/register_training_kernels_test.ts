import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import {
  ATOL,
  maxScaledError,
  onBothBackends,
  randomValues,
} from "./_compare.ts";

type Shape4 = [number, number, number, number];

/** Gradients of Σ r ⊙ layer(x) with respect to every input, r fixed. */
function layerGradients(
  layer: (...inputs: tf.Tensor[]) => tf.Tensor,
  shapes: number[][],
): () => tf.Tensor[] {
  return () => {
    const inputs = shapes.map((s, k) =>
      tf.tensor(randomValues(s.reduce((a, b) => a * b, 1), k + 1), s)
    );
    const probe = layer(...inputs);
    const r = tf.tensor(randomValues(probe.size, 99), probe.shape);
    const grads = tf.grads((...xs: tf.Tensor[]) =>
      tf.sum(tf.mul(layer(...xs), r))
    );
    return [probe, ...grads(inputs)];
  };
}

async function assertAgree(
  layer: (...inputs: tf.Tensor[]) => tf.Tensor,
  shapes: number[][],
): Promise<void> {
  const { wasm, cpu } = await onBothBackends(layerGradients(layer, shapes));
  for (let k = 0; k < cpu.length; k++) {
    const err = maxScaledError(wasm[k], cpu[k]);
    assert.ok(err <= ATOL, `output ${k}: error ${err} > ${ATOL}`);
  }
}

const CONV_CASES: {
  x: Shape4;
  f: Shape4;
  stride: number;
  pad: "same" | "valid" | number;
}[] = [
  { x: [4, 28, 28, 1], f: [5, 5, 1, 6], stride: 1, pad: "valid" }, // LeNet5 C1
  { x: [4, 12, 12, 6], f: [5, 5, 6, 16], stride: 1, pad: "valid" }, // LeNet5 C3
  { x: [2, 8, 8, 8], f: [3, 3, 8, 8], stride: 1, pad: 1 }, // ResNet block conv
  { x: [2, 8, 8, 8], f: [3, 3, 8, 16], stride: 2, pad: 1 }, // ResNet downsampling conv
  { x: [2, 8, 8, 8], f: [1, 1, 8, 16], stride: 2, pad: "valid" }, // ResNet shortcut
  { x: [2, 17, 17, 3], f: [7, 7, 3, 8], stride: 2, pad: 3 }, // ResNet ImageNet stem
  { x: [2, 9, 9, 3], f: [3, 3, 3, 4], stride: 2, pad: "same" },
];

for (const { x, f, stride, pad } of CONV_CASES) {
  Deno.test(
    `registerTrainingKernels() makes wasm conv2d gradients equal cpu's when x=${x} f=${f} stride=${stride} pad=${pad}`,
    () =>
      assertAgree(
        (xs, fs) =>
          tf.conv2d(xs as tf.Tensor4D, fs as tf.Tensor4D, stride, pad),
        [x, f],
      ),
  );
}

Deno.test("registerTrainingKernels() makes wasm depthwise gradients equal cpu's when stride 2 and multiplier 2", () =>
  assertAgree(
    (xs, fs) =>
      tf.depthwiseConv2d(xs as tf.Tensor4D, fs as tf.Tensor4D, 2, "same"),
    [[2, 9, 9, 3], [3, 3, 3, 2]],
  ));

/** Brute-force depthwise forward, y[b,p,q,c·M+m] = Σ_ij x[b,p+2i,q+2j,c]·W[i,j,c,m] (dilation 2, valid). */
function depthwiseDilated(
  x: Float32Array,
  w: Float32Array,
): Float64Array {
  const y = new Float64Array(2 * 5 * 5 * 6);
  for (let b = 0; b < 2; b++) {
    for (let p = 0; p < 5; p++) {
      for (let q = 0; q < 5; q++) {
        for (let c = 0; c < 3; c++) {
          for (let m = 0; m < 2; m++) {
            let acc = 0;
            for (let i = 0; i < 3; i++) {
              for (let j = 0; j < 3; j++) {
                acc += x[((b * 9 + p + 2 * i) * 9 + q + 2 * j) * 3 + c] *
                  w[((i * 3 + j) * 3 + c) * 2 + m];
              }
            }
            y[((b * 5 + p) * 5 + q) * 6 + c * 2 + m] = acc;
          }
        }
      }
    }
  }
  return y;
}

Deno.test("registerTrainingKernels() makes wasm depthwise backprop kernels match finite differences when dilation 2", async () => {
  // tfjs-core's depthwise gradient rejects dilation > 1, so call the kernels
  // directly and check them against the brute-force forward: y is linear in x
  // and in W, so ⟨dy, y(x + e_k)⟩ − ⟨dy, y(x)⟩ is exactly dx_k.
  const xv = randomValues(2 * 9 * 9 * 3, 1);
  const wv = randomValues(3 * 3 * 3 * 2, 2);
  const dyv = randomValues(2 * 5 * 5 * 6, 3);
  const attrs = { strides: 1, pad: "valid", dilations: 2 } as const;
  const { wasm } = await onBothBackends(() => {
    const x = tf.tensor4d(xv, [2, 9, 9, 3]);
    const dy = tf.tensor4d(dyv, [2, 5, 5, 6]);
    return [
      tf.engine().runKernel("DepthwiseConv2dNativeBackpropFilter", { x, dy }, {
        ...attrs,
        filterShape: [3, 3, 3, 2],
      }) as tf.Tensor,
      tf.engine().runKernel(
        "DepthwiseConv2dNativeBackpropInput",
        { dy, filter: tf.tensor4d(wv, [3, 3, 3, 2]) },
        { ...attrs, inputShape: [2, 9, 9, 3] },
      ) as tf.Tensor,
    ];
  });
  const inner = (y: Float64Array) =>
    y.reduce((acc, v, k) => acc + v * dyv[k], 0);
  const base = inner(depthwiseDilated(xv, wv));
  for (const k of [0, 7, 100, 240, 485]) {
    const xk = xv.slice();
    xk[k] += 1;
    assert.ok(
      Math.abs(inner(depthwiseDilated(xk, wv)) - base - wasm[1][k]) < ATOL,
    );
  }
  for (const k of [0, 5, 17, 53]) {
    const wk = wv.slice();
    wk[k] += 1;
    assert.ok(
      Math.abs(inner(depthwiseDilated(xv, wk)) - base - wasm[0][k]) < ATOL,
    );
  }
});

Deno.test("registerTrainingKernels() keeps wasm pooling gradients equal cpu's when average and max pooling", async () => {
  await assertAgree((xs) => tf.avgPool(xs as tf.Tensor4D, 2, 2, "valid"), [[
    2,
    8,
    8,
    3,
  ]]);
  await assertAgree((xs) => tf.maxPool(xs as tf.Tensor4D, 3, 2, 1), [[
    2,
    8,
    8,
    3,
  ]]);
});

Deno.test("registerTrainingKernels() keeps wasm batchnorm, dense and activation gradients equal cpu's", async () => {
  await assertAgree(
    (xs, m, v, o, s) =>
      tf.batchNorm(xs, m, tf.add(tf.square(v), 0.5), o, s, 1e-5),
    [[4, 3, 3, 5], [5], [5], [5], [5]],
  );
  await assertAgree((a, w, b) => tf.add(tf.matMul(a, w), b), [
    [8, 20],
    [20, 7],
    [7],
  ]);
  for (const act of [tf.tanh, tf.relu, tf.sigmoid, tf.logSoftmax]) {
    await assertAgree((xs) => act(xs), [[6, 10]]);
  }
});

Deno.test("registerTrainingKernels() keeps wasm tile and transposed matMul equal to cpu's", async () => {
  await assertAgree((xs) => tf.tile(xs, [2, 3, 1, 4]), [[2, 1, 3, 5]]);
  await assertAgree((xs) => tf.tile(xs, [3, 1]), [[1, 1]]);
  await assertAgree((a, b) => tf.matMul(a, b, true, false), [[3, 37, 20], [
    3,
    37,
    33,
  ]]);
  await assertAgree((a, b) => tf.matMul(a, b, false, true), [[2, 40, 35], [
    2,
    17,
    35,
  ]]);
});
