import assert from "node:assert/strict";
import {
  FIGURE_KINDS,
  figureClaimIds,
  figureProblem,
} from "../../lib/report/figure_spec.ts";
import { validatePageSpec } from "../../lib/report/page_spec.ts";

const page = (figure: Record<string, unknown>) => ({
  paper: "demo",
  title: "Demo",
  protocol: "p",
  figures: [figure],
  tables: [],
});
const scatter = {
  kind: "scatter",
  id: "s",
  title: "S",
  x: "latencyMs",
  y: "testAcc",
  color: "model",
};
const image = { kind: "image", id: "im", title: "I", src: "distilled/a.png" };

Deno.test("validatePageSpec() accepts scatter and image figures when their fields are well formed", () => {
  for (
    const figure of [
      scatter,
      { ...scatter, shape: "method", xLog: true, paper: {} },
      image,
      { ...image, src: "a_b-c.1.png", width: 280 },
    ]
  ) {
    assert.deepEqual(
      validatePageSpec(page(figure), "page.json").figures[0],
      figure,
    );
  }
  assert.deepEqual(FIGURE_KINDS, ["curve", "bar", "scatter", "image"]);
});

Deno.test("validatePageSpec() throws one ReportError naming the figure when a scatter or image field is bad", () => {
  const srcMessage = (src: string) =>
    `expected image figure "im" src to be a relative ".png" path of [A-Za-z0-9._/-] without ".." segments, got ${
      JSON.stringify(src)
    }`;
  const cases: [Record<string, unknown>, string][] = [
    [
      { ...scatter, kind: "pie" },
      'expected figure "s" kind "curve", "bar", "scatter" or "image", got "pie"',
    ],
    [
      { ...scatter, x: undefined },
      'expected scatter figure "s" x, y and color to be strings (metric keys x and y, config key color), got x: undefined',
    ],
    [
      { ...scatter, y: 3, color: null },
      'expected scatter figure "s" x, y and color to be strings (metric keys x and y, config key color), got y: number, color: object',
    ],
    [
      { ...scatter, shape: 1 },
      'expected scatter figure "s" shape to be a string, got number',
    ],
    [{ ...image, src: "../kd/a.png" }, srcMessage("../kd/a.png")],
    [{ ...image, src: "a/../../b.png" }, srcMessage("a/../../b.png")],
    [{ ...image, src: "/etc/a.png" }, srcMessage("/etc/a.png")],
    [{ ...image, src: "a.jpg" }, srcMessage("a.jpg")],
    [{ ...image, src: "a b.png" }, srcMessage("a b.png")],
    [{ ...image, src: 'a".png' }, srcMessage('a".png')],
    [{ ...image, src: "a//b.png" }, srcMessage("a//b.png")],
    [
      { ...image, src: undefined },
      'expected image figure "im" src to be a relative ".png" path of [A-Za-z0-9._/-] without ".." segments, got undefined',
    ],
    [
      { ...image, width: 0 },
      'expected image figure "im" width to be a positive number, got 0',
    ],
  ];
  for (const [figure, message] of cases) {
    assert.throws(() => validatePageSpec(page(figure), "page.json"), {
      name: "ReportError",
      message: `Cannot read page description "page.json": ${message}`,
    });
  }
});

Deno.test("figureProblem() leaves curve and bar fields to their builders when the kind is known", () => {
  assert.equal(figureProblem({ kind: "curve", id: "c" }), undefined);
  assert.equal(figureProblem({ kind: "bar", id: "b" }), undefined);
  assert.match(figureProblem(null) ?? "", /kind .* got undefined/);
});

Deno.test("figureClaimIds() lists both claims of each scatter point and none for an image when pages are checked", () => {
  assert.deepEqual(
    figureClaimIds({
      ...scatter,
      kind: "scatter",
      paper: { a: { x: "ax", y: "ay" }, b: { x: "bx", y: "by" } },
    }),
    ["ax", "ay", "bx", "by"],
  );
  assert.deepEqual(
    figureClaimIds({ ...image, kind: "image", width: 1 }),
    [],
  );
  assert.deepEqual(
    figureClaimIds({
      kind: "curve",
      id: "c",
      title: "C",
      curve: "acc",
      color: "arm",
      paper: { a: "a-curve" },
    }),
    ["a-curve"],
  );
});
