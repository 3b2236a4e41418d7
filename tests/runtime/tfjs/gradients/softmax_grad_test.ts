import * as tf from "@tensorflow/tfjs-core";
import { checkSecondOrder, SHAPE, testInput } from "./_second_order.ts";

/** ∂/∂z_j Σ_i w_i softmax(z)_i = y_j (w_j − Σ_i w_i y_i), per row. */
function softmaxFirst(z: Float32Array, w: Float32Array): Float64Array {
  const [rows, cols] = SHAPE;
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) max = Math.max(max, z[o + j]);
    let total = 0;
    for (let j = 0; j < cols; j++) total += Math.exp(z[o + j] - max);
    let wy = 0;
    for (let j = 0; j < cols; j++) {
      wy += w[o + j] * Math.exp(z[o + j] - max) / total;
    }
    for (let j = 0; j < cols; j++) {
      out[o + j] = Math.exp(z[o + j] - max) / total * (w[o + j] - wy);
    }
  }
  return out;
}

Deno.test("softmaxGradConfig gives Hessian-vector products equal to finite differences on wasm and cpu when nested in tf.grad", async () => {
  await checkSecondOrder((z) => tf.softmax(z), testInput(25), softmaxFirst);
});
