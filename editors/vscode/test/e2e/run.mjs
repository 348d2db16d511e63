// Drives the real VS Code workbench (served by code-server, started by ../e2e.sh) in
// Debian's Chromium with playwright-core: opens a draft, waits for corroborate's squiggles,
// hovers a sentence with the mouse, runs the extension's commands from the command palette,
// changes settings the way a person does (the workspace settings file), and reads back what
// VS Code holds through the test-only command `corroborate.test.dump`.
//
// Environment (set by e2e.sh): E2E_URL, E2E_WORKSPACE, E2E_OUT (the extension's dump
// folder), E2E_CORPUS, E2E_SCREENSHOT (the README's picture), E2E_ARTIFACTS (screenshots of
// failures). Prints one "ok"/"not ok" line per check and closes with "N passed, N failed".

import * as fs from "node:fs";
import * as path from "node:path";
import { chromium } from "playwright-core";

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`run.mjs: ${name} is not set (run editors/vscode/test/e2e.sh)`);
    process.exit(2);
  }
  return value;
};
const WORKBENCH_URL = env("E2E_URL");
const WORKSPACE = env("E2E_WORKSPACE");
const OUT = env("E2E_OUT");
const CORPUS = env("E2E_CORPUS");
const SCREENSHOT = env("E2E_SCREENSHOT");
const ARTIFACTS = env("E2E_ARTIFACTS");

const DRAFT = "ceasefire_winners.md";
// Sentences of the draft and what the demo corpus says of them (checked by hand against
// ../shared/corpus: the first is Alexander Gabuev's tweet 16/ in 000_f6b3baf1f9aac04f.txt,
// near-verbatim; no source gives a number of Karabakh Armenians who fled).
const GABUEV_SENTENCE = "Russia has put its 2,000 peacekeepers in NK, something that Moscow wanted to do back in 1994 but was unable to.";
const GABUEV_FILE = "000_f6b3baf1f9aac04f.txt";
const UNSUPPORTED_SENTENCE = "Roughly 90,000 Karabakh Armenians fled to Armenia during the six weeks of fighting.";

const results = [];
let page;

function log(message) {
  console.log(`  # ${message}`);
}

/** Runs one check; `after` (undoing what the check changed) runs whatever happened. */
async function check(name, body, after) {
  const began = Date.now();
  try {
    await body();
    if (after) {
      const undo = after;
      after = undefined;
      await undo();
    }
    results.push({ name, ok: true });
    console.log(`ok ${results.length} - ${name} (${((Date.now() - began) / 1000).toFixed(1)} s)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`not ok ${results.length} - ${name}`);
    for (const line of String(error?.stack ?? error).split("\n").slice(0, 8)) {
      console.log(`  # ${line}`);
    }
    if (page) {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const file = path.join(ARTIFACTS, `failed-${results.length}.png`);
      await page.screenshot({ path: file }).catch(() => undefined);
      console.log(`  # screenshot: ${file}`);
    }
    await after?.().catch((e) => console.log(`  # undoing it failed too: ${e}`));
  }
}

function assert(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

/** Polls `probe` until it returns a truthy value; the error says what never happened. */
async function until(what, probe, timeoutMs = 30_000, everyMs = 250) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) {
        return value;
      }
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what} (last: ${describe(last)})`);
    }
    await page.waitForTimeout(everyMs);
  }
}

function describe(value) {
  if (value instanceof Error) {
    return value.message;
  }
  const text = JSON.stringify(value);
  return text && text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

// --- the workbench, as a person uses it --------------------------------------------------

/** F1, type the command's title, Enter on the row that shows it. */
async function palette(title) {
  await page.keyboard.press("Escape");
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input.input");
  await input.waitFor({ state: "visible", timeout: 10_000 });
  await input.fill(`>${title}`);
  const row = page.locator(".quick-input-widget .monaco-list-row", { hasText: title }).first();
  await row.waitFor({ state: "visible", timeout: 10_000 });
  await page.keyboard.press("Enter");
}

/** Quick Open (Ctrl+P) a file of the workspace by name. */
async function openFile(name) {
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+P");
  const input = page.locator(".quick-input-widget input.input");
  await input.waitFor({ state: "visible", timeout: 10_000 });
  await input.fill(name);
  await page.locator(".quick-input-widget .monaco-list-row", { hasText: name }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press("Enter");
  await page.locator(`.tab.active[aria-label*="${name}"]`).first().waitFor({ timeout: 10_000 });
  await page.locator(".editor-group-container.active .monaco-editor textarea").first().focus();
}

/** Ctrl+F the text, Escape: the editor's selection is now that text. */
async function selectText(text) {
  await page.locator(".editor-group-container.active .monaco-editor textarea").first().focus();
  await page.keyboard.press("Control+F");
  const find = page.locator(".editor-group-container.active .find-widget.visible textarea, .editor-group-container.active .find-widget.visible input").first();
  await find.waitFor({ state: "visible", timeout: 10_000 });
  await find.fill(text);
  await page.keyboard.press("Enter");
  await page.waitForTimeout(200);
  await page.keyboard.press("Escape");
}

/** The extension's status bar item, as the user reads it. */
async function statusBarText() {
  const item = page.locator('.statusbar-item[id$="corroborate.status"]');
  if ((await item.count()) === 0) {
    return "";
  }
  return (await item.first().innerText()).trim();
}

/** The status bar's counts, or undefined when it shows something else. */
async function statusCounts() {
  const m = /(\d+) unsupported · (\d+) conflicting/.exec(await statusBarText());
  return m ? { unsupported: Number(m[1]), conflicting: Number(m[2]) } : undefined;
}

/** Runs the hidden `corroborate.test.dump` and reads what it wrote. */
async function dump() {
  const file = path.join(OUT, "dump.json");
  fs.rmSync(file, { force: true });
  await palette("Corroborate (test): Dump State for the End-to-End Test");
  const text = await until("the extension's dump.json", () => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : ""), 15_000);
  return JSON.parse(text);
}

function codes(d) {
  return (d.diagnostics ?? []).filter((x) => x.source === "corroborate").map((x) => x.code);
}

function count(d, code) {
  return codes(d).filter((c) => c === code).length;
}

function writeWorkspaceSettings(settings) {
  fs.writeFileSync(path.join(WORKSPACE, ".vscode", "settings.json"), JSON.stringify(settings, null, 2));
}

// --- the checks ---------------------------------------------------------------------------

async function main() {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    chromiumSandbox: false,
    args: [
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
    page = await context.newPage();
    await run();
  } finally {
    await browser.close().catch(() => undefined);
  }
}

async function run() {
  let first;

  await check("the workbench loads and the draft opens", async () => {
    await page.goto(WORKBENCH_URL, { waitUntil: "domcontentloaded", timeout: 60_000 });
    await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
    await page.locator(".explorer-folders-view .monaco-list-row").first().waitFor({ timeout: 60_000 });
    await openFile(DRAFT);
  });
  if (!results[0].ok) {
    return; // nothing else can run without a workbench
  }

  await check("squiggles appear; diagnostics come from corroborate with the verdict as code", async () => {
    await until("squiggles in the draft", async () =>
      (await page.locator(".editor-group-container.active .squiggly-warning").count()) > 0, 60_000);
    first = await until("the server's diagnostics in VS Code", async () => {
      const d = await dump();
      return count(d, "unsupported") > 0 && count(d, "conflicting") > 0 ? d : undefined;
    });
    assert(first.activeUri.endsWith(DRAFT), `the active editor is ${first.activeUri}`);
    const unsupported = first.diagnostics.find((x) => x.text.startsWith(UNSUPPORTED_SENTENCE.slice(0, 30)));
    assert(unsupported, `no diagnostic on "${UNSUPPORTED_SENTENCE}": ${describe(first.diagnostics.map((x) => x.text))}`);
    assert(unsupported.code === "unsupported" && unsupported.severity === "Warning",
      `the unsupported sentence: ${describe(unsupported)}`);
    const copied = first.diagnostics.find((x) => x.text === GABUEV_SENTENCE);
    assert(copied && copied.code === "copied", `the Gabuev sentence: ${describe(copied)}`);
    assert(copied.severity === "Information", `copied is information by default: ${copied.severity}`);
    assert(copied.related.some((r) => r.uri.endsWith(GABUEV_FILE) && r.message.includes("Gabuev")),
      `relatedInformation points at Gabuev's thread: ${describe(copied.related)}`);
    log(`${first.diagnostics.length} diagnostics: ${count(first, "unsupported")} unsupported, ${count(first, "conflicting")} conflicting, ${count(first, "copied")} copied`);
  });

  await check("the status bar counts the draft's unsupported and conflicting claims", async () => {
    assert(first, "no diagnostics to count");
    const want = `${count(first, "unsupported")} unsupported · ${count(first, "conflicting")} conflicting`;
    await until(`status bar "${want}"`, async () => (await statusBarText()).includes(want), 10_000);
    assert(first.status.text.endsWith(want), `the item's own text: ${first.status.text}`);
  });

  await check("the status bar showed indexing progress before the counts", async () => {
    const history = first?.statusHistory ?? [];
    const indexing = history.findIndex((t) => t.includes("indexing"));
    const want = `${count(first, "unsupported")} unsupported · ${count(first, "conflicting")} conflicting`;
    const counts = history.findLastIndex((t) => t.endsWith(want));
    assert(indexing >= 0 && counts > indexing, `status history: ${describe(history)}`);
  });

  await check("mouse hover on the sentence from Gabuev's thread names the analyst (screenshot)", async () => {
    await selectText(GABUEV_SENTENCE);
    const selected = page.locator(".editor-group-container.active .monaco-editor .selected-text").first();
    await selected.waitFor({ timeout: 5_000 });
    const box = await selected.boundingBox();
    assert(box, "no box for the selected sentence");
    // Click into the sentence (clears the selection, keeps the cursor there), then rest the mouse on it.
    await page.mouse.click(box.x + 40, box.y + box.height / 2);
    await page.mouse.move(box.x + 60, box.y + box.height / 2, { steps: 5 });
    const hover = page.locator(".monaco-hover:visible", { hasText: "Alexander Gabuev" }).first();
    await hover.waitFor({ state: "visible", timeout: 15_000 });
    const text = await hover.innerText();
    assert(/Copied|Supported/.test(text), `the hover gives the verdict: ${text.slice(0, 300)}`);
    assert(text.includes("Carnegie Moscow Center"), `the hover gives the affiliation: ${text.slice(0, 300)}`);
    assert(text.includes("Russia has put its 2000 peacekeepers in NK"), `the hover quotes the source: ${text.slice(0, 400)}`);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    log(`screenshot: ${SCREENSHOT}`);
  });

  await check("vscode.executeHoverProvider on that sentence names the analyst", async () => {
    await page.keyboard.press("Escape");
    const d = await dump();
    assert(d.lineText.includes(GABUEV_SENTENCE), `the cursor is on line ${d.cursor.line}: ${d.lineText.slice(0, 80)}`);
    const ours = d.hovers.find((h) => h.includes("Alexander Gabuev"));
    assert(ours, `hovers: ${describe(d.hovers)}`);
    assert(/\*\*(Copied|Supported)\*\*/.test(ours), `the verdict first: ${ours.slice(0, 120)}`);
    assert(ours.includes(`${GABUEV_FILE}#L`), `a link to the source line: ${ours.slice(0, 600)}`);
    // The server's corroborate.showSources, which the Show Sources command lists.
    assert(["copied", "supported"].includes(d.sources?.verdict), `showSources: ${describe(d.sources)}`);
    assert(d.sources.sources[0]?.name === "Alexander Gabuev", `best source: ${describe(d.sources.sources[0])}`);
  });

  await check("Show Sources lists Gabuev and opens his thread at the sentence", async () => {
    await palette("Corroborate: Show Sources of This Sentence");
    const row = page.locator(".quick-input-widget .monaco-list-row", { hasText: "Alexander Gabuev" }).first();
    await row.waitFor({ state: "visible", timeout: 10_000 });
    const title = await page.locator(".quick-input-widget .quick-input-title").innerText();
    assert(/Sources of this sentence: (Copied|Supported)/.test(title), `quick pick title: ${title}`);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "sources.png") });
    await page.keyboard.press("Enter");
    await page.locator(`.tab.active[aria-label*="${GABUEV_FILE}"]`).first().waitFor({ timeout: 10_000 });
    const d = await dump();
    assert(d.activeUri.endsWith(GABUEV_FILE), `active: ${d.activeUri}`);
    const source = new URL(d.activeUri).pathname;
    assert(fs.realpathSync(source) === fs.realpathSync(path.join(CORPUS, GABUEV_FILE)), `opened from the corpus: ${source}`);
    assert(/Russia has put its 2000 peacekeepers in NK/.test(d.lineText), `the cursor's line in the source: ${d.lineText}`);
  });
  // Back to the draft alone, whatever happened above.
  await palette("View: Close All Editors");
  await openFile(DRAFT);

  await check("a setting changed in settings.json reaches the server (severity.unsupported off)", async () => {
    await openFile(DRAFT);
    // The draft was just reopened: until the server publishes for it again, it has no
    // diagnostics at all, and the status bar reads 0 unsupported for that reason alone.
    const conflicting = count(first, "conflicting");
    const unsupported = count(first, "unsupported");
    await until("the draft's counts before the change", async () => {
      const c = await statusCounts();
      return c?.unsupported === unsupported && c.conflicting === conflicting;
    }, 30_000);
    writeWorkspaceSettings({ "corroborate.severity.unsupported": "off" });
    await until("0 unsupported in the status bar, the conflicts still there", async () => {
      const c = await statusCounts();
      return c?.unsupported === 0 && c.conflicting === conflicting;
    }, 30_000);
    const d = await dump();
    assert(count(d, "unsupported") === 0, `codes: ${describe(codes(d))}`);
    assert(count(d, "conflicting") === conflicting, `other verdicts unchanged: ${describe(codes(d))}`);
    writeWorkspaceSettings({});
    await until(`${unsupported} unsupported again`, async () => (await statusCounts())?.unsupported === unsupported, 30_000);
  }, async () => writeWorkspaceSettings({}));

  await check("Re-index Corpus indexes again and the counts come back", async () => {
    await openFile(DRAFT);
    const before = (await dump()).statusHistory.length;
    await palette("Corroborate: Re-index Corpus");
    const message = page.locator(".statusbar", { hasText: /Corroborate: re-indexed \d+ sources, \d+ sentences/ });
    await message.waitFor({ timeout: 30_000 });
    const d = await until("a new indexing run and counts after it", async () => {
      const now = await dump();
      const fresh = now.statusHistory.slice(before - 1);
      const i = fresh.findIndex((t) => t.includes("indexing"));
      return i >= 0 && fresh.slice(i).some((t) => t.includes("unsupported ·")) && count(now, "unsupported") > 0 ? now : undefined;
    }, 30_000, 500);
    assert(d.serverRunning, "the server runs");
    const fresh = d.statusHistory.slice(before - 1);
    assert(d.serverCommands.includes("corroborate.reindex") && !fresh.some((t) => t.includes("starting")),
      `the server's own corroborate.reindex, no restart: ${describe(fresh)}`);
  });

  await check("Restart Server starts a new server that checks the draft again", async () => {
    await openFile(DRAFT);
    const before = (await dump()).statusHistory.length;
    await palette("Corroborate: Restart Server");
    await until("starting, then counts", async () => {
      const now = await dump();
      const fresh = now.statusHistory.slice(before - 1);
      const i = fresh.findIndex((t) => t.includes("starting"));
      return i >= 0 && now.serverRunning && count(now, "copied") > 0 && fresh.slice(i).some((t) => t.includes("unsupported ·"));
    }, 30_000, 500);
  });

  await check("a missing server binary: a message that says what to do", async () => {
    await openFile(DRAFT);
    writeWorkspaceSettings({ "corroborate.server.path": "/nonexistent/bin/corroborate" });
    const toast = page.locator(".notification-toast", { hasText: "not found" }).first();
    await toast.waitFor({ state: "visible", timeout: 30_000 });
    const text = await toast.innerText();
    assert(text.includes("/nonexistent/bin/corroborate"), `names the path: ${text}`);
    assert(text.includes("cargo install --path ."), `says how to install: ${text}`);
    assert(text.includes("Open Settings"), `offers the setting: ${text}`);
    await until("status bar: server not found", async () => (await statusBarText()).includes("server not found"), 10_000);
    writeWorkspaceSettings({});
    await until("the server back (counts)", async () => (await statusCounts())?.unsupported === count(first, "unsupported"), 30_000);
  }, async () => {
    writeWorkspaceSettings({});
    await page.keyboard.press("Escape");
  });

  await check("an untitled Markdown draft is checked too", async () => {
    await palette("File: New Untitled Text File");
    await page.locator('.tab.active[aria-label*="Untitled"]').first().waitFor({ timeout: 10_000 });
    await palette("Change Language Mode");
    const input = page.locator(".quick-input-widget input.input");
    await input.fill("Markdown");
    await page.locator(".quick-input-widget .monaco-list-row", { hasText: "Markdown" }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press("Enter");
    await page.locator(".editor-group-container.active .monaco-editor textarea").first().focus();
    // Gabuev's tweet word for word, unquoted and uncited.
    await page.keyboard.type("Russia has put its 2000 peacekeepers in NK - something that Moscow wanted to do back in 1994, but was unable to.\n");
    const d = await until("a copied diagnostic in the untitled draft", async () => {
      const now = await dump();
      return now.activeUri.startsWith("untitled:") && count(now, "copied") === 1 ? now : undefined;
    }, 30_000, 500);
    assert(d.languageId === "markdown", `language: ${d.languageId}`);
  });
}

const began = Date.now();
main()
  .catch((error) => {
    results.push({ name: "the browser run", ok: false });
    console.log(`not ok ${results.length} - the browser run: ${error?.stack ?? error}`);
  })
  .finally(() => {
    const passed = results.filter((r) => r.ok).length;
    const failed = results.length - passed;
    console.log(`  # browser checks took ${((Date.now() - began) / 1000).toFixed(0)} s`);
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed === 0 && passed > 0 ? 0 : 1);
  });
