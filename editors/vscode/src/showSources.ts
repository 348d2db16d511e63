// "Show Sources of This Sentence": every source the server matched to the sentence under the
// cursor, in a quick pick; picking one opens the source file beside the draft with that
// sentence selected. The server does the work (`corroborate.showSources`, docs/editors.md);
// this file only shows the answer.

import * as vscode from "vscode";
import { ExecuteCommandRequest, type LanguageClient } from "vscode-languageclient/node";

import { sourceItems, type SentenceSources, type SourceItem } from "./sources";

export const SERVER_SHOW_SOURCES = "corroborate.showSources";

/** The server's answer for the sentence at `position` (null: no sentence there). */
export async function sentenceSources(
  client: LanguageClient,
  document: vscode.TextDocument,
  position: vscode.Position,
): Promise<SentenceSources | null> {
  const argument = client.code2ProtocolConverter.asTextDocumentPositionParams(document, position);
  return client.sendRequest(ExecuteCommandRequest.type, {
    command: SERVER_SHOW_SOURCES,
    arguments: [argument],
  }) as Promise<SentenceSources | null>;
}

export async function showSources(client: LanguageClient | undefined): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== "markdown") {
    void vscode.window.showInformationMessage("Corroborate: put the cursor on a sentence of a Markdown draft.");
    return;
  }
  if (!client) {
    void vscode.window.showWarningMessage(
      "Corroborate: the language server is not running (see the status bar, or run “Corroborate: Restart Server”).",
    );
    return;
  }
  let answer: SentenceSources | null;
  try {
    answer = await sentenceSources(client, editor.document, editor.selection.active);
  } catch (error) {
    // The server says why: the corpus is still loading, or none is configured.
    const why = error instanceof Error ? error.message : String(error);
    void vscode.window.showWarningMessage(`Corroborate: ${why.replace(/^corroborate: /, "")}`);
    return;
  }
  if (!answer) {
    void vscode.window.showInformationMessage("Corroborate: there is no sentence under the cursor.");
    return;
  }
  const items = sourceItems(answer);
  if (items.length === 0) {
    void vscode.window.showInformationMessage(`Corroborate: no source matches this sentence (${answer.message}).`);
    return;
  }
  const picked = await vscode.window.showQuickPick(
    items.map((item) => ({ ...item, label: `$(book) ${item.label}` })),
    {
      title: `Sources of this sentence: ${answer.verdict.charAt(0).toUpperCase()}${answer.verdict.slice(1)}`,
      placeHolder: "Pick a source to open it at the matching sentence",
      matchOnDescription: true,
      matchOnDetail: true,
    },
  );
  if (picked) {
    await open(client, picked);
  }
}

async function open(client: LanguageClient, item: SourceItem): Promise<void> {
  if (!item.location) {
    void vscode.window.showWarningMessage(`Corroborate: ${item.place} cannot be opened (no file URI).`);
    return;
  }
  const location = client.protocol2CodeConverter.asLocation(item.location);
  await vscode.window.showTextDocument(location.uri, {
    selection: location.range,
    preview: true,
    viewColumn: vscode.ViewColumn.Beside,
  });
}
