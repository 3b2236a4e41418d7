import assert from "node:assert/strict";
import { writeFileAtomic, writeJsonAtomic } from "../../lib/runtime/mod.ts";

Deno.test("writeFileAtomic() creates parents and leaves no temp file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/a/b/file.bin`;
    await writeFileAtomic(path, new Uint8Array([1, 2, 3]));
    assert.deepEqual(await Deno.readFile(path), new Uint8Array([1, 2, 3]));
    await writeJsonAtomic(path, { x: 1 });
    assert.equal(await Deno.readTextFile(path), '{\n  "x": 1\n}\n');
    const names = [...Deno.readDirSync(`${dir}/a/b`)].map((e) => e.name);
    assert.deepEqual(names, ["file.bin"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("writeFileAtomic() keeps the old file when the write fails", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/keep.txt`;
    await writeFileAtomic(path, "old");
    // A directory in place of the temp file's parent makes the rename target invalid.
    await Deno.mkdir(`${dir}/sub.txt`);
    await assert.rejects(writeFileAtomic(`${dir}/sub.txt`, "new"));
    assert.equal(await Deno.readTextFile(path), "old");
    const names = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
    assert.deepEqual(names, ["keep.txt", "sub.txt"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
