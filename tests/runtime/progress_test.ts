import assert from "node:assert/strict";
import { createProgress } from "../../lib/runtime/mod.ts";

function recorder(tty: boolean) {
  const chunks: string[] = [];
  const decoder = new TextDecoder();
  return {
    chunks,
    writer: {
      isTerminal: () => tty,
      writeSync(p: Uint8Array) {
        chunks.push(decoder.decode(p));
        return p.length;
      },
    },
  };
}

Deno.test("createProgress() prints plain lines with a rate when not on a terminal", () => {
  const r = recorder(false);
  const p = createProgress("train", {
    total: 4,
    unit: "images",
    writer: r.writer,
    intervalS: 1e9,
  });
  p.tick(2);
  p.tick(2, "loss 0.5");
  assert.equal(r.chunks.length, 0, "no line before the interval");
  p.done();
  assert.equal(r.chunks.length, 1);
  assert.match(
    r.chunks[0],
    /^train 100% 4\/4 \S+ images\/s \d+\.\ds loss 0\.5\n$/,
  );
});

Deno.test("createProgress() redraws one line on a terminal", () => {
  const r = recorder(true);
  const p = createProgress("eval", { total: 2, writer: r.writer });
  p.tick();
  p.done();
  assert.ok(r.chunks.every((c) => c.startsWith("\r\x1b[2K")));
  assert.ok(r.chunks.at(-1)!.endsWith("\n"));
});
