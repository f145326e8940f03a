"use client";

import { Extension } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import { useEffect, useState, type ReactNode } from "react";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { copyToClipboard } from "@/components/ui/clipboard";
import { messageDocumentExtensions } from "@/lib/documents";
import { directionOf } from "@/lib/events/languages";
import { CommentHighlights } from "./commentHighlights";
import { CommentsPanel } from "./CommentsPanel";
import { PresenceList } from "./PresenceList";
import { SourcesPanel } from "./SourcesPanel";
import { structureShortcuts, Toolbar } from "./Toolbar";
import { useDraftConnection, type DraftConnection } from "./useDraftConnection";
import { useTranslations } from "next-intl";

interface Props {
  documentId: string;
  collabUrl: string;
  user: { id: string; name: string };
  initialMode: "write" | "read";
  readOnlyReason: string;
  /** Final is published: the draft is the final text. */
  final: boolean;
  /** Rapporteurs and the secretariat get the comment panel beside the draft. */
  comments: boolean;
  /** The stored draft rendered on the server, shown until the live copy is there. */
  fallback: ReactNode;
  /** The language the messages are written in (BCP 47). */
  language: string;
}

/** Moves the caret to the start of the next (or previous) message or section heading; false when there is none. */
function jump(editor: Editor, type: "message" | "heading", direction: 1 | -1): boolean {
  const { doc } = editor.state;
  const here = editor.state.selection.$from.index(0);
  const positions: { index: number; pos: number }[] = [];
  doc.forEach((node, offset, index) => {
    if (node.type.name === type) positions.push({ index, pos: offset });
  });
  const target = direction === 1 ? positions.find((p) => p.index > here) : [...positions].reverse().find((p) => p.index < here);
  if (!target) return false;
  // Inside a message: its first paragraph's start; inside a heading: its text's start.
  const inside = target.pos + (type === "message" ? 2 : 1);
  editor.chain().setTextSelection(inside).scrollIntoView().run();
  return true;
}

/** Structure keys; `sectionTitle` is the new section's heading, in the reader's language. */
const StructureKeys = Extension.create<{ sectionTitle: string }>({
  name: "structureKeys",
  addOptions() {
    return { sectionTitle: "" };
  },
  addKeyboardShortcuts() {
    return {
      "Mod-Alt-m": () => (structureShortcuts.newMessage(this.editor), true),
      "Mod-Alt-s": () => (structureShortcuts.newSection(this.editor, this.options.sectionTitle), true),
      // Moving by structure, for keyboard and screen-reader users.
      "Alt-ArrowDown": () => jump(this.editor, "message", 1),
      "Alt-ArrowUp": () => jump(this.editor, "message", -1),
      "Alt-Shift-ArrowDown": () => jump(this.editor, "heading", 1),
      "Alt-Shift-ArrowUp": () => jump(this.editor, "heading", -1),
    };
  },
});

/** Another person's caret: a coloured bar with their name, hidden from screen readers (joins and leaves are announced instead). */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === "string" ? user.color : "#888";
  const caret = document.createElement("span");
  caret.className = "collaboration-carets__caret";
  caret.setAttribute("aria-hidden", "true");
  caret.style.borderColor = color;
  const label = document.createElement("span");
  label.className = "collaboration-carets__label";
  label.style.backgroundColor = color;
  label.textContent = typeof user.name === "string" ? user.name : "";
  caret.append(label);
  return caret;
}

function LiveEditor({
  documentId,
  ydoc,
  provider,
  user,
  connection,
  comments,
  language,
}: {
  language: string;
  documentId: string;
  ydoc: Y.Doc;
  provider: WebsocketProvider;
  user: Props["user"];
  connection: DraftConnection;
  comments: boolean;
}) {
  const t = useTranslations("editor");
  const editable = connection.rights.mode === "read-write" && !connection.stopped;
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable,
      extensions: [
        ...messageDocumentExtensions,
        StructureKeys.configure({ sectionTitle: t("newSectionTitle") }),
        CommentHighlights,
        Collaboration.configure({ document: ydoc, field: "default" }),
        // The server replaces name and colour with the session's; these are only the first guess.
        CollaborationCaret.configure({ provider, user: { name: user.name, color: "#1f5fbf" }, render: renderCaret }),
      ],
      editorProps: {
        attributes: {
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": t("documentLabel"),
          "aria-describedby": "editor-keys",
          lang: language,
          dir: directionOf(language),
          class: "message-document",
        },
      },
    },
    [ydoc, provider],
  );
  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);
  if (!editor) return null;
  const empty = ydoc.getXmlFragment("default").length === 0 || editor.getText().trim() === "";
  const content = (
    <>
      {editable && <Toolbar editor={editor} />}
      {editable && empty && (
        <p className="notice">
          {t("empty")}{" "}
          <button type="button" onClick={() => structureShortcuts.newSection(editor, t("newSectionTitle"))}>
            {t("startSection")}
          </button>
        </p>
      )}
      <EditorContent editor={editor} className="live-document" />
      <details className="small muted editor-keys">
        <summary>{t("shortcuts")}</summary>
        <ul id="editor-keys">
          <li>{t("keysMessages")}</li>
          <li>{t("keysSections")}</li>
          <li>{t("keysStructure")}</li>
          <li>{t("keysText")}</li>
        </ul>
      </details>
      <UnsavedText connection={connection} text={editor.getText({ blockSeparator: "\n\n" })} />
    </>
  );
  if (!comments) return content;
  return (
    <div className="draft-layout">
      <div>{content}</div>
      <SidePanels documentId={documentId} editor={editor} ydoc={ydoc} editable={editable} />
    </div>
  );
}

/** Comments and Sources beside the draft, as two tabs (both stay mounted, so neither loses its state). */
function SidePanels({
  documentId,
  editor,
  ydoc,
  editable,
}: {
  documentId: string;
  editor: Editor;
  ydoc: Y.Doc;
  editable: boolean;
}) {
  const t = useTranslations("editor");
  const [tab, setTab] = useState<"comments" | "sources">("comments");
  const tabs = [
    { key: "comments", label: t("commentsTab") },
    { key: "sources", label: t("sourcesTab") },
  ] as const;
  return (
    <div className="side-panels">
      <div role="tablist" aria-label={t("besideDraft")} className="row">
        {tabs.map((item, i) => (
          <button
            key={item.key}
            type="button"
            role="tab"
            id={`tab-${item.key}`}
            aria-controls={`panel-${item.key}`}
            aria-selected={tab === item.key}
            tabIndex={tab === item.key ? 0 : -1}
            className={tab === item.key ? "primary" : undefined}
            onClick={() => setTab(item.key)}
            onKeyDown={(e) => {
              if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
              const next = tabs[(i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
              setTab(next.key);
              document.getElementById(`tab-${next.key}`)?.focus();
            }}
          >
            {item.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="panel-comments" aria-labelledby="tab-comments" hidden={tab !== "comments"}>
        <CommentsPanel documentId={documentId} editor={editor} ydoc={ydoc} />
      </div>
      <div role="tabpanel" id="panel-sources" aria-labelledby="tab-sources" hidden={tab !== "sources"}>
        <SourcesPanel documentId={documentId} editor={editor} editable={editable} />
      </div>
    </div>
  );
}

function UnsavedText({ connection, text }: { connection: DraftConnection; text: string }) {
  const t = useTranslations("editor");
  const [copied, setCopied] = useState(false);
  const cannotSave = connection.unsaved && (connection.stopped || connection.rights.mode === "read-only");
  // Text from before a reload (Final won the race) is gone from the draft: offered first.
  const shown = connection.lostText ?? (cannotSave ? text : null);
  if (shown === null) return null;
  return (
    <div className="notice error stack" data-testid="unsaved-text" role="alert">
      <strong>{t("notSaved")}</strong>
      <span>{t("copyBelow")}</span>
      <textarea readOnly rows={8} value={shown} aria-label={t("unsavedText")} />
      <div>
        <button type="button" onClick={() => void copyToClipboard(shown).then(() => setCopied(true))}>
          {copied ? t("copied") : t("copyText")}
        </button>
      </div>
    </div>
  );
}

/**
 * The live draft: co-editing through the collaboration server, with presence,
 * a saving state you can trust, offline edits kept in this browser, and a
 * read-only mode driven by the server.
 */
export function DocumentEditor(props: Props) {
  const t = useTranslations("editor");
  const connection = useDraftConnection({
    documentId: props.documentId,
    collabUrl: props.collabUrl,
    userId: props.user.id,
    initialMode: props.initialMode === "write" ? "read-write" : "read-only",
    initialReason: props.readOnlyReason,
    initialFinal: props.final,
  });

  const unsaved = connection?.unsaved ?? false;
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);

  if (!connection) return <>{props.fallback}</>;
  const readOnly = connection.rights.mode === "read-only";
  // "Saved" speaks of one's own edits: a read-only draft with nothing of one's own waiting says what it is instead.
  const offline = connection.saveState === "Offline";
  const state = connection.unsaved
    ? offline
      ? "offline"
      : "saving"
    : connection.rights.final
      ? "final"
      : offline
        ? "offline"
        : // Connected, but the draft is not here yet: nothing to call saved (or read-only) before it shows.
          !connection.loaded
          ? "loading"
          : readOnly
            ? "readonly"
            : "saved";
  return (
    <div className="live-draft">
      <div className="editor-status">
        <span className={`save-state ${state === "saved" ? "success" : ""}`} data-testid="save-state" role="status">
          {t("saveState", { state })}
        </span>
        <PresenceList provider={connection.provider} selfName={props.user.name} />
      </div>
      {connection.stopped && (
        <p className="notice error" data-testid="editor-stopped" role="alert">
          {t("stopped", { why: connection.stopped.why, detail: connection.stopped.detail })}
        </p>
      )}
      {/* Always present, so that a change of rights is announced politely when it happens. */}
      <div role="status" aria-live="polite" data-testid="rights-status">
        {readOnly && !connection.stopped && (
          <p className="notice" data-testid="editor-mode-note">
            {t("readOnly", { reason: connection.rights.reason })}
          </p>
        )}
      </div>
      {!connection.loaded && props.fallback}
      <div hidden={!connection.loaded}>
        <LiveEditor
          documentId={props.documentId}
          ydoc={connection.ydoc}
          provider={connection.provider}
          user={props.user}
          connection={connection}
          comments={props.comments}
          language={props.language}
        />
      </div>
    </div>
  );
}
