// The paper profile's geometry (notes §2 "Data": CIFAR-10 resized to 224×224):
// every backbone, baseline and with the QIANets head, at 224×224, batch 1,
// forward only. Parameter counts are the notes' §6 table; MACs are
// torchvision's published GFLOPS (really multiply-adds) and a hand count of
// the head the QIANets code adds.
import assert from "node:assert/strict";
import { initBackend } from "../../lib/runtime/mod.ts";
import {
  countParams,
  densenet121,
  googlenet,
  type Model,
  qianetsResnet18,
  resnet18,
} from "../../lib/models/mod.ts";
import { countMacs } from "../../lib/compression/mod.ts";

await initBackend("wasm");

/** One forward at 224×224 (countMacs profiles it): logits shape [1, 10] and the MAC total. */
async function at224(model: Model): Promise<number> {
  const macs = await countMacs(model, { inputShape: [224, 224, 3] });
  const last = macs.layers[macs.layers.length - 1];
  assert.deepEqual(last.outputShape, [1, 10]); // the final fc gives the logits
  return macs.total;
}

// torchvision model docs: ResNet-18 1.81, GoogLeNet 1.50, DenseNet-121 2.83 GFLOPS (1000 classes)
const CASES = [
  [
    "ResNet-18",
    () => resnet18(),
    () => qianetsResnet18(),
    11_181_642,
    18_401_359,
    1.81e9,
  ],
  [
    "GoogLeNet",
    () => googlenet(),
    () => googlenet({ head: "qianets" }),
    5_610_154,
    10_854_575,
    1.50e9,
  ],
  [
    "DenseNet-121",
    () => densenet121(),
    () => densenet121({ head: "qianets" }),
    6_964_106,
    12_208_532,
    2.83e9,
  ],
] as const;

for (const [label, base, qianets, nBase, nQianets, torchvisionMacs] of CASES) {
  Deno.test(`${label} at 224×224 gives [1, 10] logits, the notes' parameter counts and torchvision's MACs, baseline and QIANets`, async () => {
    const b = base();
    assert.equal(countParams(b), nBase);
    const baseMacs = await at224(b);
    // torchvision's count has a 1000-class fc; ours has 10 classes (≤ 1.0 M MACs less)
    assert.ok(
      Math.abs(baseMacs - torchvisionMacs) / torchvisionMacs < 0.01,
      `${baseMacs}`,
    );
    const q = qianets();
    assert.equal(countParams(q), nQianets);
    const extra = (await at224(q)) - baseMacs;
    // The head acts on the pooled 1×1 map (notes §6: "only about 7 M MACs")
    assert.ok(extra > 0 && extra < 8e6, `${extra}`);
    if (label === "ResNet-18") {
      // fc 512→1280, MSF 1×1 1280→512 and 3×3 512→1280 (all 9 taps counted), ECA k = 5, fc 1280→10, less fc 512→10
      assert.equal(
        extra,
        512 * 1280 + 1280 * 512 + 9 * 512 * 1280 + 5 * 1280 + 1280 * 10 -
          512 * 10,
      );
    }
  });
}
