// "Show Sources of This Sentence": the sources the server matched to the sentence under the
// cursor, in a quick pick; picking one opens the source file at that sentence.
//
// Client-side on purpose: the server's hover already lists every matching source with a
// link to its line, definition gives the best one's exact range, and each diagnostic's
// relatedInformation the exact ranges of up to three. No new server request is needed.

import * as vscode from "vscode";
import { DefinitionRequest, HoverRequest, type LanguageClient } from "vscode-languageclient/node";

import { readHover, type HoverReading } from "./hoverSources";

export interface SourceItem {
  label: string;
  description: string;
  detail: string;
  uri: string | undefined;
  /** 0-based; the exact sentence when the server gave its range, else the whole line. */
  range: [number, number, number, number] | undefined;
}

/** The verdict and sources of the sentence at `position`, from the running server. */
export async function sourcesAt(
  client: LanguageClient,
  document: vscode.TextDocument,
  position: vscode.Position,
): Promise<{ reading: HoverReading; items: SourceItem[] }> {
  const params = client.code2ProtocolConverter.asTextDocumentPositionParams(document, position);
  const [hover, definition] = await Promise.all([
    client.sendRequest(HoverRequest.type, params),
    client.sendRequest(DefinitionRequest.type, params).catch(() => null),
  ]);
  const reading = readHover(hoverText(hover?.contents));

  // Exact ranges the server gave, by file and start line.
  const exact = new Map<string, vscode.Range>();
  const remember = (uri: string, range: vscode.Range) => {
    const key = `${uri}#${range.start.line}`;
    if (!exact.has(key)) {
      exact.set(key, range);
    }
  };
  for (const d of vscode.languages.getDiagnostics(document.uri)) {
    if (d.source === "corroborate" && d.range.contains(position)) {
      for (const r of d.relatedInformation ?? []) {
        remember(r.location.uri.toString(), r.location.range);
      }
    }
  }
  const defs = definition === null ? [] : Array.isArray(definition) ? definition : [definition];
  for (const def of defs) {
    const uri = "targetUri" in def ? def.targetUri : def.uri;
    const range = "targetRange" in def ? def.targetSelectionRange : def.range;
    remember(
      vscode.Uri.parse(uri).toString(),
      client.protocol2CodeConverter.asRange(range),
    );
  }

  const items = reading.sources.map((s): SourceItem => {
    const uri = s.file ? vscode.Uri.parse(s.file).toString() : undefined;
    const line = s.line !== undefined ? s.line - 1 : undefined;
    const known = uri !== undefined && line !== undefined ? exact.get(`${uri}#${line}`) : undefined;
    const range: SourceItem["range"] = known
      ? [known.start.line, known.start.character, known.end.line, known.end.character]
      : line !== undefined
        ? [line, 0, line + 1, 0]
        : undefined;
    return {
      label: s.who,
      description: [s.facts, s.place].filter(Boolean).join(" · "),
      detail: s.title ? `${s.title}: “${s.quote}”` : `“${s.quote}”`,
      uri,
      range,
    };
  });
  return { reading, items };
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
  const { reading, items } = await sourcesAt(client, editor.document, editor.selection.active);
  if (items.length === 0) {
    const what = reading.verdict ? `${reading.verdict}${reading.reason ? `: ${reading.reason}` : ""}` : reading.reason;
    void vscode.window.showInformationMessage(
      `Corroborate: no source matches this sentence${what ? ` (${what.split("\n")[0]})` : ""}.`,
    );
    return;
  }
  const picked = await vscode.window.showQuickPick(
    items.map((item) => ({ ...item, label: `$(book) ${item.label}` })),
    {
      title: `Sources of this sentence: ${reading.verdict || "?"}`,
      placeHolder: "Pick a source to open it at the matching sentence",
      matchOnDescription: true,
      matchOnDetail: true,
    },
  );
  if (!picked?.uri) {
    return;
  }
  const selection = picked.range
    ? new vscode.Range(picked.range[0], picked.range[1], picked.range[2], picked.range[3])
    : undefined;
  await vscode.window.showTextDocument(vscode.Uri.parse(picked.uri), {
    selection,
    preview: true,
    viewColumn: vscode.ViewColumn.Beside,
  });
}

/** Hover contents as one string, whatever shape the server chose. */
export function hoverText(contents: unknown): string {
  if (contents === undefined || contents === null) {
    return "";
  }
  if (typeof contents === "string") {
    return contents;
  }
  if (Array.isArray(contents)) {
    return contents.map(hoverText).join("\n\n");
  }
  if (typeof contents === "object" && "value" in contents) {
    return String((contents as { value: unknown }).value);
  }
  return "";
}
