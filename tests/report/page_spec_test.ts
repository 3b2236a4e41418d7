import assert from "node:assert/strict";
import {
  readPageSpec,
  selectCells,
  validatePageSpec,
  writePageSpec,
} from "../../lib/report/page_spec.ts";
import { syntheticCell } from "./_fixtures.ts";

const page = () => ({
  paper: "demo",
  title: "Demo",
  protocol: "p",
  figures: [{
    kind: "curve",
    id: "c",
    title: "C",
    curve: "testAcc",
    color: "arm",
  }] as Record<string, unknown>[],
  tables: [{ id: "t", title: "T", rows: [] }] as Record<string, unknown>[],
});

Deno.test("validatePageSpec() throws ReportError when ids clash, kinds are unknown or rows are missing", () => {
  const cases: [Record<string, unknown>, string][] = [
    [
      { ...page(), tables: [{ id: "c", title: "T", rows: [] }] },
      'duplicate figure or table id "c"',
    ],
    [
      { ...page(), figures: [{ kind: "pie", id: "p" }] },
      'expected figure "p" kind "curve", "bar", "scatter" or "image", got "pie"',
    ],
    [
      { ...page(), tables: [{ id: "t", title: "T" }] },
      'expected table "t" rows to be an array',
    ],
    [
      { ...page(), figures: [{ kind: "bar", id: "a b" }] },
      'expected a file-safe figure or table id, got "a b"',
    ],
    [
      { ...page(), protocol: 3 },
      "expected protocol to be a string, got number",
    ],
  ];
  for (const [raw, message] of cases) {
    assert.throws(() => validatePageSpec(raw, "page.json"), {
      name: "ReportError",
      message: `Cannot read page description "page.json": ${message}`,
    });
  }
});

Deno.test("readPageSpec() returns what writePageSpec() saved and rejects a corrupt file", async () => {
  const outDir = await Deno.makeTempDir();
  const spec = validatePageSpec(page(), "page.json");
  assert.equal(
    await writePageSpec(spec, { outDir }),
    `${outDir}/demo/page.json`,
  );
  assert.deepEqual(await readPageSpec("demo", { outDir }), spec);
  await Deno.writeTextFile(`${outDir}/demo/page.json`, "{");
  await assert.rejects(readPageSpec("demo", { outDir }), {
    name: "ReportError",
    message: /invalid JSON/,
  });
  await Deno.remove(outDir, { recursive: true });
});

Deno.test("selectCells() keeps cells whose config matches every key when filtering", () => {
  const cells = [
    syntheticCell("kd", 1),
    syntheticCell("base", 1),
    syntheticCell("kd", 2, { dataset: "fashion" }),
  ];
  assert.deepEqual(selectCells(cells, { arm: "kd" }).map((c) => c.id), [
    "mnist-kd-s1",
    "fashion-kd-s2",
  ]);
  assert.deepEqual(
    selectCells(cells, { arm: "kd", dataset: "fashion" }).map((c) => c.id),
    ["fashion-kd-s2"],
  );
  assert.equal(selectCells(cells).length, 3);
});
