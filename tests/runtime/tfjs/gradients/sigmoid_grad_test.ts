import * as tf from "@tensorflow/tfjs-core";
import { checkSecondOrder, testInput } from "./_second_order.ts";

Deno.test("sigmoidGradConfig gives second derivatives equal to finite differences on wasm and cpu when nested in tf.grad", async () => {
  await checkSecondOrder(
    (x) => tf.sigmoid(x),
    testInput(22),
    (x, w) =>
      Float64Array.from(
        x,
        (xi, i) =>
          w[i] * (1 / (1 + Math.exp(-xi)) * (1 - 1 / (1 + Math.exp(-xi)))),
      ),
  );
});
