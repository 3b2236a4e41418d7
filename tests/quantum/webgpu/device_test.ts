import assert from "node:assert/strict";
import { requestWebgpu } from "../../../lib/quantum/webgpu/mod.ts";
import { context, noWebgpu } from "./_setup.ts";

Deno.test({
  name:
    "requestWebgpu() returns the same context, with an adapter report, on every call",
  ignore: noWebgpu,
  async fn() {
    const again = await requestWebgpu();
    assert.equal(again, context);
    const { description, isFallbackAdapter, vendor } = context!.adapter;
    assert.equal(typeof description, "string");
    assert.equal(typeof vendor, "string");
    assert.equal(typeof isFallbackAdapter, "boolean");
  },
});

Deno.test({
  name: "requestWebgpu() counts submitted command buffers",
  ignore: noWebgpu,
  fn() {
    const before = context!.submitCount;
    const encoder = context!.device.createCommandEncoder();
    context!.submit([encoder.finish()]);
    assert.equal(context!.submitCount, before + 1);
  },
});
