import * as tf from "@tensorflow/tfjs-core";
import { checkSecondOrder, testInput } from "./_second_order.ts";

Deno.test("tanhGradConfig gives second derivatives equal to finite differences on wasm and cpu when nested in tf.grad", async () => {
  await checkSecondOrder(
    (x) => tf.tanh(x),
    testInput(23),
    (x, w) => Float64Array.from(x, (xi, i) => w[i] * (1 - Math.tanh(xi) ** 2)),
  );
});
