import assert from "node:assert/strict";
import { barSpec } from "../../lib/report/chart_specs.ts";
import { renameSvgIds, renderSvg } from "../../lib/report/render_svg.ts";
import { syntheticCell } from "./_fixtures.ts";

const figure = {
  kind: "bar" as const,
  id: "b",
  title: "Final accuracy",
  metric: "testAcc",
  x: "arm",
};
const cells = [1, 2, 3].flatMap((
  s,
) => [syntheticCell("kd", s), syntheticCell("base", s)]);

Deno.test("renderSvg() draws one bar per group and the title when given a bar spec", async () => {
  const svg = await renderSvg(barSpec(cells, figure), { idPrefix: "t" });
  assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /Final accuracy/);
  assert.equal(svg.match(/aria-roledescription="bar"/g)?.length, 2);
});

Deno.test("renderSvg() gives identical SVG when the same spec is rendered after other charts", async () => {
  const first = await renderSvg(barSpec(cells, figure), { idPrefix: "t" });
  await renderSvg(barSpec(cells, { ...figure, id: "other" }), {
    idPrefix: "u",
  });
  const again = await renderSvg(barSpec(cells, figure), { idPrefix: "t" });
  assert.equal(again, first);
});

Deno.test("renameSvgIds() rewrites ids and references but leaves foreign references alone", () => {
  const svg =
    '<a id="x"/><b id="y"/><use href="#y"/><g fill="url(#x)" mask="url(#zz)"/>';
  assert.equal(
    renameSvgIds(svg, "p"),
    '<a id="p-1"/><b id="p-2"/><use href="#p-2"/><g fill="url(#p-1)" mask="url(#zz)"/>',
  );
});
