import assert from "node:assert/strict";
import { WEBGPU_KERNELS } from "../../../lib/quantum/webgpu/mod.ts";
import { context, noWebgpu } from "./_setup.ts";

Deno.test("WEBGPU_KERNELS holds a webgpu kernel per gate kernel and simulator stage", () => {
  for (
    const name of [
      "CNOT",
      "CZ",
      "SWAP",
      "RBS",
      "U1",
      "U2",
      "Measure",
      "AdjointU1",
    ]
  ) {
    assert.equal(WEBGPU_KERNELS.get(name)?.backend, "webgpu", name);
    assert.equal(WEBGPU_KERNELS.get(name)?.kernel, name);
  }
});

Deno.test({
  name: "WEBGPU_KERNELS sources compile without WGSL errors",
  ignore: noWebgpu,
  async fn() {
    for (const [name, kernel] of WEBGPU_KERNELS) {
      const module = context!.device.createShaderModule({ code: kernel.wgsl });
      const info = await module.getCompilationInfo();
      const errors = info.messages.filter((m) => m.type === "error");
      assert.deepEqual(errors.map((m) => m.message), [], name);
    }
  },
});
