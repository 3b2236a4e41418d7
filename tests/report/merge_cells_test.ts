import assert from "node:assert/strict";
import { parse } from "csv-parse/sync";
import { writeCell } from "../../lib/report/cells.ts";
import { cellTable, mergeCells } from "../../lib/report/merge_cells.ts";
import { syntheticCell } from "./_fixtures.ts";

Deno.test("mergeCells() writes a CSV that csv-parse reads back to the cell values", async () => {
  const outDir = await Deno.makeTempDir();
  for (const arm of ["kd", "base"]) {
    for (const seed of [1, 2]) {
      await writeCell("demo", syntheticCell(arm, seed), { outDir });
    }
  }
  await Deno.writeTextFile(`${outDir}/demo/cells/broken.json`, '{"format":');
  const r = await mergeCells("demo", {
    outDir,
    expected: ["mnist-kd-s1", "mnist-kd-s3", "mnist-kd-s3"],
  });
  assert.deepEqual(r.missing, ["mnist-kd-s3"]);
  assert.deepEqual(r.problems.map((p) => p.file), ["broken.json"]);
  const rows = parse(await Deno.readTextFile(r.csvPath), {
    columns: true,
  }) as Record<string, string>[];
  assert.equal(rows.length, 4);
  const kd2 = rows.find((row) => row.id === "mnist-kd-s2");
  assert.equal(Number(kd2?.testAcc), syntheticCell("kd", 2).metrics.testAcc);
  assert.equal(kd2?.arm, "kd");
  const json = JSON.parse(await Deno.readTextFile(r.jsonPath));
  assert.equal(json.cells.length, 4);
  assert.deepEqual(json.missing, ["mnist-kd-s3"]);
  await Deno.remove(outDir, { recursive: true });
});

Deno.test("mergeCells() gives byte-identical files when the same cells are written in another order", async () => {
  const outputs: string[] = [];
  for (const order of [[1, 2, 3], [3, 1, 2]]) {
    const outDir = await Deno.makeTempDir();
    for (const seed of order) {
      await writeCell("demo", syntheticCell("kd", seed), { outDir });
    }
    const r = await mergeCells("demo", { outDir });
    outputs.push(
      await Deno.readTextFile(r.csvPath) + await Deno.readTextFile(r.jsonPath),
    );
    await Deno.remove(outDir, { recursive: true });
  }
  assert.equal(outputs[0], outputs[1]);
});

Deno.test("cellTable() prefixes a metric that shares a name with a config axis", () => {
  const cell = { ...syntheticCell("kd", 1), metrics: { arm: 1 } };
  assert.deepEqual(cellTable([cell]).header, [
    "id",
    "seed",
    "profile",
    "impl",
    "arm",
    "dataset",
    "metric.arm",
  ]);
});
