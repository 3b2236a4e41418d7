import assert from "node:assert/strict";
import { buildIndex } from "../../lib/report/build_index.ts";

Deno.test("buildIndex() lists papers sorted with their counts when given build results", async () => {
  const outDir = await Deno.makeTempDir();
  const result = (paper: string, nCells: number) => ({
    paper,
    title: `${paper} title`,
    nCells,
    missing: ["x"],
    problems: [],
    nFigures: 2,
    missingImages: [],
    indexPath: `${outDir}/${paper}/index.html`,
  });
  const html = await Deno.readTextFile(
    await buildIndex([result("qdd", 4), result("kd", 7)], { outDir }),
  );
  assert.ok(
    html.indexOf('href="kd/index.html"') <
      html.indexOf('href="qdd/index.html"'),
  );
  assert.match(
    html,
    /<td>kd title<\/td><td>7<\/td><td>1<\/td><td>0<\/td><td>2<\/td>/,
  );
  await Deno.remove(outDir, { recursive: true });
});
