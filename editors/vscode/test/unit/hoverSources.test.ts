import * as assert from "node:assert/strict";
import { test } from "node:test";

import { readHover } from "../../src/hoverSources";

// Written from src/server/hover.rs (markdown branch), not captured from a run.
const conflicting = [
  "**Conflicting**",
  "",
  "**What differs:** source says 2000, draft says 5000",
  "",
  "---",
  "",
  "**Alexander Gabuev (Carnegie Moscow Center)** · thread · 2020-11-10 · score 0.88  ",
  "*Russian calculus*",
  "",
  "> Russia has put its 2000 peacekeepers in NK. \\[sic\\] \\*really\\*",
  "",
  "[corpus/000\\_gabuev.txt:3](file:///data/corpus/000_gabuev.txt#L3)",
  "",
  "---",
  "",
  "**Thomas de Waal** · article · score 0.61",
  "",
  "> Moscow sent peacekeepers.",
  "",
  "corpus/plain.txt:7",
  "",
  "… and 2 more source sentences",
].join("\n");

test("every source section: who, facts, title, quote unescaped, file and line", () => {
  const r = readHover(conflicting);
  assert.equal(r.verdict, "Conflicting");
  assert.equal(r.sources.length, 2);
  const [first, second] = r.sources;
  assert.equal(first.who, "Alexander Gabuev (Carnegie Moscow Center)");
  assert.equal(first.facts, "thread · 2020-11-10 · score 0.88");
  assert.equal(first.title, "Russian calculus");
  assert.equal(first.quote, "Russia has put its 2000 peacekeepers in NK. [sic] *really*");
  assert.equal(first.file, "file:///data/corpus/000_gabuev.txt");
  assert.equal(first.line, 3);
  assert.equal(first.place, "corpus/000_gabuev.txt:3");
  assert.equal(second.who, "Thomas de Waal");
  assert.equal(second.title, undefined);
  assert.equal(second.file, undefined, "no URL: the bare place is kept");
  assert.equal(second.line, undefined);
  assert.equal(second.place, "corpus/plain.txt:7");
});

test("the reason after the verdict; no sources", () => {
  const r = readHover("**Skipped**: a question, not a claim");
  assert.deepEqual(r, { verdict: "Skipped", reason: "a question, not a claim", sources: [] });
  const u = readHover("**Unsupported**: no source makes this claim \\(closest scores 0.27\\)");
  assert.equal(u.verdict, "Unsupported");
  assert.equal(u.sources.length, 0);
});

test("a hover that is no verdict (corpus still loading) is all reason", () => {
  const r = readHover("corroborate: the corpus is loading…");
  assert.equal(r.verdict, "");
  assert.equal(r.reason, "corroborate: the corpus is loading…");
  assert.equal(r.sources.length, 0);
});

test("CRLF line ends read the same", () => {
  const r = readHover(conflicting.replace(/\n/g, "\r\n"));
  assert.equal(r.sources.length, 2);
  assert.equal(r.sources[0].line, 3);
});
