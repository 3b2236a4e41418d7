import * as tf from "@tensorflow/tfjs-core";
import { checkSecondOrder, testInput } from "./_second_order.ts";

Deno.test("eluGradConfig gives second derivatives equal to finite differences on wasm and cpu when nested in tf.grad", async () => {
  await checkSecondOrder(
    (x) => tf.elu(x),
    testInput(24),
    (x, w) =>
      Float64Array.from(x, (xi, i) => w[i] * (xi > 0 ? 1 : Math.exp(xi))),
  );
});
