import assert from "node:assert/strict";
import {
  CELL_FORMAT,
  cellsDir,
  finishedCellIds,
  readCells,
  writeCell,
} from "../../lib/report/cells.ts";
import { syntheticCell } from "./_fixtures.ts";

async function withTemp(fn: (outDir: string) => Promise<void>): Promise<void> {
  const outDir = await Deno.makeTempDir();
  try {
    await fn(outDir);
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
}

Deno.test("writeCell() writes <outDir>/<paper>/cells/<id>.json with the format tag and paper", async () => {
  await withTemp(async (outDir) => {
    const path = await writeCell("demo", syntheticCell("kd", 1), { outDir });
    assert.equal(path, `${outDir}/demo/cells/mnist-kd-s1.json`);
    const raw = JSON.parse(await Deno.readTextFile(path));
    assert.equal(raw.format, CELL_FORMAT);
    assert.equal(raw.paper, "demo");
    assert.deepEqual(
      raw.curves.testAcc,
      syntheticCell("kd", 1).curves?.testAcc,
    );
  });
});

Deno.test("writeCell() stores non-finite metrics as null when a run diverged", async () => {
  await withTemp(async (outDir) => {
    const cell = {
      ...syntheticCell("kd", 1),
      metrics: { testAcc: NaN, testLoss: Infinity },
    };
    await writeCell("demo", cell, { outDir });
    const { cells } = await readCells("demo", { outDir });
    assert.deepEqual(cells[0].metrics, { testAcc: null, testLoss: null });
  });
});

Deno.test("writeCell() throws ReportError when the id is not file-safe", async () => {
  await assert.rejects(
    writeCell("demo", { ...syntheticCell("kd", 1), id: "../x" }, {
      outDir: "/nonexistent",
    }),
    {
      name: "ReportError",
      message:
        'Cannot write cell for "demo": expected id to match ^[A-Za-z0-9._-]+$, got "../x"',
    },
  );
});

Deno.test("readCells() returns cells sorted by id and names every corrupt file when some are damaged", async () => {
  await withTemp(async (outDir) => {
    for (const seed of [3, 1, 2]) {
      await writeCell("demo", syntheticCell("base", seed), { outDir });
    }
    const dir = cellsDir("demo", { outDir });
    const good = await Deno.readTextFile(`${dir}/mnist-base-s1.json`);
    await Deno.writeTextFile(
      `${dir}/half.json`,
      good.slice(0, good.length / 2),
    );
    await Deno.writeTextFile(`${dir}/wrong-id.json`, good);
    await Deno.writeTextFile(
      `${dir}/old.json`,
      JSON.stringify({ ...JSON.parse(good), id: "old", format: "v0" }),
    );
    await Deno.writeTextFile(
      `${dir}/nometrics.json`,
      JSON.stringify({ ...JSON.parse(good), id: "nometrics", metrics: 3 }),
    );
    await Deno.writeTextFile(`${dir}/x.json.tmp-12-abcd`, "{");
    await Deno.writeTextFile(`${dir}/notes.txt`, "ignored");
    const { cells, problems } = await readCells("demo", { outDir });
    assert.deepEqual(cells.map((c) => c.id), [
      "mnist-base-s1",
      "mnist-base-s2",
      "mnist-base-s3",
    ]);
    assert.deepEqual(problems.map((p) => p.file), [
      "half.json",
      "nometrics.json",
      "old.json",
      "wrong-id.json",
      "x.json.tmp-12-abcd",
    ]);
    assert.match(
      problems[0].reason,
      /^invalid JSON \(corrupt or half-written\)/,
    );
    assert.equal(problems[1].reason, "expected metrics to be an object");
    assert.equal(
      problems[2].reason,
      'expected format "qrepro.cell/1", got "v0"',
    );
    assert.equal(
      problems[3].reason,
      'expected id to match the file name, got "mnist-base-s1"',
    );
    assert.equal(
      problems[4].reason,
      "leftover temporary file of an interrupted write",
    );
  });
});

Deno.test("finishedCellIds() lists only valid cells so a resumed run skips them", async () => {
  await withTemp(async (outDir) => {
    await writeCell("demo", syntheticCell("kd", 1), { outDir });
    await Deno.writeTextFile(
      `${cellsDir("demo", { outDir })}/mnist-kd-s2.json`,
      "{",
    );
    assert.deepEqual([...await finishedCellIds("demo", { outDir })], [
      "mnist-kd-s1",
    ]);
  });
});

Deno.test("readCells() returns nothing when the paper has no cells directory", async () => {
  assert.deepEqual(await readCells("demo", { outDir: "/nonexistent" }), {
    cells: [],
    problems: [],
  });
});
