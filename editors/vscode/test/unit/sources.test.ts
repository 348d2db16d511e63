import * as assert from "node:assert/strict";
import { test } from "node:test";

import { sourceItems, type SentenceSources } from "../../src/sources";

// Shaped as src/server/api/commands/show_sources.rs serialises SentenceSources (camelCase).
const answer: SentenceSources = {
  text: "Russia has put its 2,000 peacekeepers in NK.",
  verdict: "copied",
  message: "Copied: near-verbatim from a source without quotation marks or citation — Alexander Gabuev",
  differences: [],
  sources: [
    {
      name: "Alexander Gabuev",
      author: "Alexander Gabuev",
      affiliation: "Carnegie Moscow Center",
      kind: "thread",
      date: "2020-11-10",
      title: "Russian calculus after the Nagorno-Karabakh ceasefire",
      url: null,
      score: 1,
      text: "Russia has put its 2000 peacekeepers in NK.",
      file: "000_f6b3.txt",
      line: 16,
      location: {
        uri: "file:///corpus/000_f6b3.txt",
        range: { start: { line: 15, character: 3 }, end: { line: 15, character: 46 } },
      },
    },
    {
      name: "notes.txt",
      score: 0.514,
      text: "Peacekeepers arrived.",
      file: "notes.txt",
      line: 2,
      location: null,
    },
  ],
};

test("a row per source: who and affiliation, facts with the place, title and quote", () => {
  const [gabuev, notes] = sourceItems(answer);
  assert.equal(gabuev.label, "Alexander Gabuev (Carnegie Moscow Center)");
  assert.equal(gabuev.description, "thread · 2020-11-10 · score 1.00 · 000_f6b3.txt:16");
  assert.equal(gabuev.detail, "“Russia has put its 2000 peacekeepers in NK.” (Russian calculus after the Nagorno-Karabakh ceasefire)");
  assert.deepEqual(gabuev.location?.range.start, { line: 15, character: 3 });
  assert.equal(notes.label, "notes.txt");
  assert.equal(notes.description, "score 0.51 · notes.txt:2", "missing facts are left out");
  assert.equal(notes.detail, "“Peacekeepers arrived.”");
  assert.equal(notes.location, undefined);
});

test("a title equal to the name is not repeated; no sources, no rows", () => {
  const [only] = sourceItems({
    ...answer,
    sources: [{ name: "Report", title: "Report", score: 0.7, text: "x.", file: "r.txt", line: 1 }],
  });
  assert.equal(only.detail, "“x.”");
  assert.deepEqual(sourceItems({ ...answer, sources: [] }), []);
});
