// Only for the end-to-end test (editors/vscode/test/e2e.sh): when CORROBORATE_VSCODE_TEST_DIR
// is set, the hidden command `corroborate.test.dump` writes what VS Code itself holds
// (diagnostics, hover results from every provider, the status bar text) to dump.json there,
// so the test asserts on values rather than on pixels. Without the variable the command is
// neither registered nor shown.

import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";

import type { Server } from "./server";
import { sentenceSources } from "./showSources";
import type { StatusItem } from "./statusItem";

export const TEST_DIR_VARIABLE = "CORROBORATE_VSCODE_TEST_DIR";

export function registerTestDump(server: Server, statusItem: StatusItem): vscode.Disposable[] {
  const dir = process.env[TEST_DIR_VARIABLE];
  if (!dir) {
    return [];
  }
  let seq = 0;
  void vscode.commands.executeCommand("setContext", "corroborate.testMode", true);
  const command = vscode.commands.registerCommand("corroborate.test.dump", async () => {
    seq += 1;
    const editor = vscode.window.activeTextEditor;
    const dump: Record<string, unknown> = {
      seq,
      status: statusItem.snapshot(),
      statusHistory: [...statusItem.history],
      serverRunning: server.running !== undefined,
      serverCommands: server.running?.initializeResult?.capabilities.executeCommandProvider?.commands ?? [],
    };
    if (editor) {
      const { document, selection } = editor;
      const position = selection.active;
      dump.activeUri = document.uri.toString();
      dump.languageId = document.languageId;
      dump.cursor = { line: position.line, character: position.character };
      dump.lineText = document.lineAt(position.line).text;
      dump.diagnostics = vscode.languages.getDiagnostics(document.uri).map((d) => ({
        range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
        text: document.getText(d.range),
        severity: vscode.DiagnosticSeverity[d.severity],
        source: d.source,
        code: typeof d.code === "object" ? d.code.value : d.code,
        message: d.message,
        related: (d.relatedInformation ?? []).map((r) => ({
          uri: r.location.uri.toString(),
          line: r.location.range.start.line,
          message: r.message,
        })),
      }));
      const hovers =
        (await vscode.commands.executeCommand<vscode.Hover[]>(
          "vscode.executeHoverProvider",
          document.uri,
          position,
        )) ?? [];
      dump.hovers = hovers.map((h) =>
        h.contents.map((c) => (typeof c === "string" ? c : c.value)).join("\n\n"),
      );
      const client = server.running;
      if (client && document.languageId === "markdown") {
        dump.sources = await sentenceSources(client, document, position).catch((e) => String(e));
      }
    }
    const file = path.join(dir, "dump.json");
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(dump, null, 2));
    fs.renameSync(`${file}.tmp`, file);
  });
  return [command];
}
