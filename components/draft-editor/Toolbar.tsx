"use client";

import type { Editor } from "@tiptap/react";
import { useTranslations } from "next-intl";

/** Position right after the top-level block that holds the selection. */
function afterTopLevelBlock(editor: Editor): number {
  const { $from } = editor.state.selection;
  return $from.depth === 0 ? editor.state.doc.content.size : $from.after(1);
}

function newMessage(editor: Editor) {
  editor
    .chain()
    .insertContentAt(afterTopLevelBlock(editor), { type: "message", content: [{ type: "paragraph" }] })
    .focus()
    .run();
}

function newSection(editor: Editor, title: string) {
  const at = afterTopLevelBlock(editor);
  editor
    .chain()
    .insertContentAt(at, [
      { type: "heading", content: [{ type: "text", text: title }] },
      { type: "message", content: [{ type: "paragraph" }] },
    ])
    .setTextSelection(at + 1)
    .focus()
    .run();
}

function link(editor: Editor, question: string) {
  const previous = editor.getAttributes("link").href as string | undefined;
  const href = window.prompt(question, previous ?? "https://");
  if (href === null) return;
  if (href.trim() === "") editor.chain().focus().unsetMark("link").run();
  else editor.chain().focus().setMark("link", { href: href.trim() }).run();
}

/** Formatting and structure commands for those who may edit. */
export function Toolbar({ editor }: { editor: Editor }) {
  const t = useTranslations("editor");
  const button = (label: string, shortcut: string, run: () => void, active = false) => (
    <button
      type="button"
      className={active ? "" : "secondary"}
      aria-label={label}
      aria-pressed={active}
      title={shortcut ? t("withShortcut", { label, shortcut }) : label}
      onMouseDown={(event) => event.preventDefault()}
      onClick={run}
    >
      {label}
    </button>
  );
  return (
    <div className="editor-toolbar" role="toolbar" aria-label={t("formatting")} data-testid="editor-toolbar">
      {button(t("bold"), "Ctrl+B", () => editor.chain().focus().toggleMark("bold").run(), editor.isActive("bold"))}
      {button(t("italic"), "Ctrl+I", () => editor.chain().focus().toggleMark("italic").run(), editor.isActive("italic"))}
      {button(t("link"), "", () => link(editor, t("linkPrompt")), editor.isActive("link"))}
      {button(t("newMessage"), "Ctrl+Alt+M", () => newMessage(editor))}
      {button(t("newSection"), "Ctrl+Alt+S", () => newSection(editor, t("newSectionTitle")))}
    </div>
  );
}

export const structureShortcuts = { newMessage, newSection };
