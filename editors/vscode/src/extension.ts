// Corroborate for VS Code: a thin client of the `corroborate lsp` language server. The
// server decides everything about claims; this extension starts it, forwards settings,
// and adds what LSP has no place for: a status bar item and three commands.

import * as vscode from "vscode";

import { Server } from "./server";
import { showSources } from "./showSources";
import { StatusItem } from "./statusItem";
import { registerTestDump, TEST_DIR_VARIABLE } from "./testDump";

let current: Server | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const statusItem = new StatusItem(process.env[TEST_DIR_VARIABLE] !== undefined);
  const server = new Server({
    onState: (state) => statusItem.setServer(state),
    onProgress: (token, value) => statusItem.progress(token, value),
  });
  current = server;
  context.subscriptions.push(
    statusItem,
    server,
    vscode.commands.registerCommand("corroborate.restartServer", () => server.restart()),
    vscode.commands.registerCommand("corroborate.reindexCorpus", () => server.reindex()),
    vscode.commands.registerCommand("corroborate.showSentenceSources", () => showSources(server.running)),
    ...registerTestDump(server, statusItem),
  );
  await server.start();
}

/** VS Code waits for this promise: the server gets its shutdown/exit. */
export function deactivate(): Promise<void> | undefined {
  return current?.stop();
}
