import * as tf from "@tensorflow/tfjs-core";
import { checkSecondOrder, testInput } from "./_second_order.ts";

Deno.test("expGradConfig gives second derivatives equal to finite differences on wasm and cpu when nested in tf.grad", async () => {
  await checkSecondOrder(
    (x) => tf.exp(x),
    testInput(21),
    (x, w) => Float64Array.from(x, (xi, i) => w[i] * (Math.exp(xi))),
  );
});
