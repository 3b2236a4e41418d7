import assert from "node:assert/strict";
import { CPU_KERNEL } from "../../../lib/quantum/cpu/_kernel.ts";
import { CPU_KERNELS } from "../../../lib/quantum/cpu/register.ts";

Deno.test("CPU_KERNELS registers every CPU kernel under its name for the cpu backend", () => {
  for (const name of Object.values(CPU_KERNEL)) {
    const k = CPU_KERNELS.get(name);
    assert.ok(k, name);
    assert.equal(k.kernel, name);
    assert.equal(k.backend, "cpu");
  }
  assert.equal(CPU_KERNELS.size, Object.keys(CPU_KERNEL).length);
});
