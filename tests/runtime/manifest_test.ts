import assert from "node:assert/strict";
import { gitCommit, runManifest } from "../../lib/runtime/mod.ts";

Deno.test("gitCommit() follows a ref, then packed-refs", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const sha = "0123456789abcdef0123456789abcdef01234567";
    await Deno.mkdir(`${dir}/.git/refs/heads`, { recursive: true });
    await Deno.writeTextFile(`${dir}/.git/HEAD`, "ref: refs/heads/main\n");
    await Deno.writeTextFile(
      `${dir}/.git/packed-refs`,
      `# pack\n${sha} refs/heads/main\n`,
    );
    assert.equal(await gitCommit(dir), sha);
    const loose = "f".repeat(40);
    await Deno.writeTextFile(`${dir}/.git/refs/heads/main`, `${loose}\n`);
    assert.equal(await gitCommit(dir), loose);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runManifest() records config, versions and wall time", async () => {
  const startedAt = Date.now() - 1500;
  const m = await runManifest({
    config: { lr: 0.1 },
    seed: 3,
    profile: "smoke",
    backend: "wasm",
    startedAt,
  });
  assert.deepEqual(m.config, { lr: 0.1 });
  assert.equal(m.backend, "wasm");
  assert.equal(m.adapter, null);
  assert.equal(m.deno.deno, Deno.version.deno);
  assert.ok(m.wallS >= 1.5 && m.wallS < 60);
  assert.equal(m.startedAt, new Date(startedAt).toISOString());
});
