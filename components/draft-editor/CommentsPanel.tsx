"use client";

import type { Editor } from "@tiptap/react";
import { useCallback, useEffect, useMemo, useState } from "react";
import type * as Y from "yjs";
import { CommentBox, ThreadCard } from "@/components/comments/ThreadCard";
import { AmendmentActions } from "@/components/comments/Amendment";
import { ApiError, callApi, useAction, useErrorText } from "@/components/ui/api";
import { useLive } from "@/components/ui/live";
import { ErrorText } from "@/components/ui/ErrorText";
import { createLiveAnchor, fromBase64, resolveLiveAnchor, toBase64, yMessageTexts } from "@/lib/comments/anchors";
import type { DraftThreads } from "@/lib/comments/read";
import { findMessage, messagePlainText, offsetToPosition, positionToOffset } from "@/lib/documents/text";
import { commentHighlightKey, START_COMMENT_EVENT, type HighlightRange } from "./commentHighlights";
import { useTranslations } from "next-intl";

type LiveThread = DraftThreads["live"][number];
type InputThread = DraftThreads["input"][number];

interface NewThread {
  messageId: string;
  quote: string;
  anchor?: { start: string; end: string };
}

const REFRESH_MS = 120_000;

/** What the editor's selection would comment on: some words of one message, or a whole message. */
function selectionTarget(editor: Editor, ydoc: Y.Doc): NewThread | "noMessage" | "acrossMessages" | "notSavedYet" {
  const { from, to, empty } = editor.state.selection;
  const $from = editor.state.doc.resolve(from);
  if ($from.depth < 1 || $from.node(1).type.name !== "message") {
    return "noMessage";
  }
  const message = $from.node(1);
  const messagePos = $from.before(1);
  const messageId = String(message.attrs.messageId);
  const text = messagePlainText(message);
  if (empty) return { messageId, quote: text };
  if (to > messagePos + message.nodeSize - 1) return "acrossMessages";
  const start = positionToOffset(message, messagePos, from);
  const end = positionToOffset(message, messagePos, to);
  if (end <= start) return { messageId, quote: text };
  try {
    const anchor = createLiveAnchor(ydoc, messageId, start, end);
    return { messageId, quote: text.slice(start, end), anchor: { start: toBase64(anchor.start), end: toBase64(anchor.end) } };
  } catch {
    return "notSavedYet";
  }
}

const decodeAnchor = (anchor: { start: string; end: string }) => ({
  start: fromBase64(anchor.start),
  end: fromBase64(anchor.end),
});

/**
 * The comment panel beside the live draft (rapporteurs and secretariat):
 * threads on the draft, whose highlights follow their words through
 * everyone's edits, and participants' input on published versions, flagged
 * when the message has changed since or is gone.
 */
export function CommentsPanel({ documentId, editor, ydoc }: { documentId: string; editor: Editor; ydoc: Y.Doc }) {
  const t = useTranslations("commentsPanel");
  const errorText = useErrorText();
  const [data, setData] = useState<DraftThreads | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<NewThread | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const { error, setError } = useAction();

  const load = useCallback(
    () =>
      callApi<DraftThreads>("GET", `/api/documents/${documentId}/threads`).then(
        (threads) => {
          setData(threads);
          setLoadError(null);
        },
        (e: unknown) => setLoadError(errorText(e)),
      ),
    [documentId, errorText],
  );

  useEffect(() => {
    // Once the comments are on screen they count as read (a POST: opening the page changes nothing).
    void load().then(() => callApi("POST", `/api/documents/${documentId}/threads/seen`).catch(() => {}));
    // Pushed changes arrive within a second (useLive below); this slow poll only covers a lost stream.
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load, documentId]);
  useLive(`/api/live?document=${documentId}`, (signal) => {
    if (signal === "comments" || signal === "resync" || signal === "document") void load();
  });

  // Recompute where the words are after every change to the draft (once per frame at most).
  useEffect(() => {
    let frame = 0;
    const onUpdate = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setTick((t) => t + 1);
      });
    };
    ydoc.on("update", onUpdate);
    return () => {
      ydoc.off("update", onUpdate);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [ydoc]);

  const texts = useMemo(() => {
    void tick;
    return yMessageTexts(ydoc);
  }, [ydoc, tick]);

  const live = useMemo(() => {
    void tick;
    return (data?.live ?? []).map((thread) => ({
      thread,
      now: thread.anchor ? resolveLiveAnchor(ydoc, decodeAnchor(thread.anchor)) : thread.current,
    }));
  }, [data, ydoc, tick]);

  // Hand the highlight ranges to the editor.
  useEffect(() => {
    if (editor.isDestroyed) return;
    const ranges: HighlightRange[] = [];
    for (const { thread, now } of live) {
      if (!thread.anchor || !now || thread.resolved) continue;
      const found = findMessage(editor.state.doc, now.messageId);
      if (!found) continue;
      try {
        const from = offsetToPosition(found.node, found.pos, now.start);
        const to = offsetToPosition(found.node, found.pos, now.end);
        if (to > from) ranges.push({ threadId: thread.id, from, to, active: thread.id === active });
      } catch {
        // The editor has not caught up with this change yet; the next update fixes it.
      }
    }
    editor.view.dispatch(editor.state.tr.setMeta(commentHighlightKey, ranges).setMeta("addToHistory", false));
  }, [editor, live, active]);

  const start = useCallback(() => {
    const target = selectionTarget(editor, ydoc);
    if (typeof target === "string") setError(t(target));
    else {
      setError(null);
      setDraft(target);
    }
  }, [editor, ydoc, setError, t]);

  useEffect(() => {
    window.addEventListener(START_COMMENT_EVENT, start);
    return () => window.removeEventListener(START_COMMENT_EVENT, start);
  }, [start]);

  const order = [...texts.keys()];
  const number = (messageId: string) => order.indexOf(messageId) + 1;
  const groups = new Map<string, { live: typeof live; input: InputThread[] }>();
  const group = (key: string) => {
    if (!groups.has(key)) groups.set(key, { live: [], input: [] });
    return groups.get(key)!;
  };
  for (const item of live)
    group(item.now?.messageId ?? (texts.has(item.thread.messageId) ? item.thread.messageId : "")).live.push(item);
  for (const thread of data?.input ?? []) group(texts.has(thread.messageId) ? thread.messageId : "").input.push(thread);
  const keys = [...groups.keys()].sort((a, b) => (a === "" ? 1 : b === "" ? -1 : number(a) - number(b)));

  const focus = (thread: LiveThread, now: { messageId: string; start: number; end: number } | null) => {
    setActive(thread.id);
    const target = findMessage(editor.state.doc, now?.messageId ?? thread.messageId);
    if (!target) return;
    const pos = now ? offsetToPosition(target.node, target.pos, now.start) : target.pos + 1;
    const dom = editor.view.domAtPos(pos).node;
    (dom instanceof Element ? dom : dom.parentElement)?.scrollIntoView({ block: "center", behavior: "smooth" });
  };

  const total = (data?.live.length ?? 0) + (data?.input.length ?? 0);
  return (
    <aside className="comments-panel" aria-label={t("heading")} data-testid="comments-panel">
      <div className="row" style={{ justifyContent: "space-between", alignItems: "center" }}>
        <h2 style={{ margin: 0 }}>
          {t("heading")} {data ? <span className="badge">{total}</span> : null}
        </h2>
        {data?.canStart && (
          <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={start} title="Ctrl+Alt+C">
            {t("comment")}
          </button>
        )}
      </div>
      <ErrorText error={error} />
      {draft && (
        <div className="card stack new-thread">
          <blockquote className="quote">{draft.quote || <span className="muted">{t("emptyMessage")}</span>}</blockquote>
          <CommentBox
            label={t("newLabel")}
            submit={t("post")}
            onCancel={() => setDraft(null)}
            onSubmit={async (body) => {
              const post = () =>
                callApi("POST", `/api/documents/${documentId}/threads`, {
                  messageId: draft.messageId,
                  ...(draft.anchor ? { anchor: draft.anchor } : {}),
                  body,
                });
              try {
                await post();
              } catch (error) {
                // The words were typed a moment ago and are still on their way to the server: try once more.
                if (!(error instanceof ApiError && error.code === "not_saved_yet")) throw error;
                await new Promise((resolve) => setTimeout(resolve, 1500));
                await post();
              }
              setDraft(null);
              await load();
            }}
          />
        </div>
      )}
      {loadError && <p className="notice error">{loadError}</p>}
      {!data && !loadError && <p className="muted small">{t("loading")}</p>}
      {data && total === 0 && !draft && (
        <p className="empty small">
          {t("none")} {data.canStart ? t("howTo") : ""}
        </p>
      )}
      {data?.final && <p className="small muted">{t("final")}</p>}
      {keys.map((key) => {
        const g = groups.get(key)!;
        const text = texts.get(key) ?? "";
        return (
          <section key={key || "gone"} className="stack" data-testid={key ? `panel-message-${key}` : "panel-gone"}>
            <h3>
              {key ? t("message", { number: number(key) }) : t("gone")}
              {key && <span className="muted small"> · {text.length > 50 ? text.slice(0, 50) + "…" : text}</span>}
            </h3>
            {g.live.map(({ thread, now }) => (
              <ThreadCard
                key={thread.id}
                thread={thread}
                onChanged={() => void load()}
                active={thread.id === active}
                onSelect={() => focus(thread, now)}
                status={
                  thread.anchor && !now ? (
                    <p className="small notice" data-testid="words-deleted">
                      {t("wordsDeleted")}
                    </p>
                  ) : thread.anchor && now && now.text !== thread.quote ? (
                    <p className="small muted" data-testid="words-now">
                      {t("nowReads", { text: now.text })}
                    </p>
                  ) : null
                }
              />
            ))}
            {g.input.map((thread) => {
              const current = texts.get(thread.messageId);
              const state = current === undefined ? "gone" : current === thread.frozenText ? "unchanged" : "changed";
              return (
                <ThreadCard
                  key={thread.id}
                  thread={thread}
                  onChanged={() => void load()}
                  status={
                    <>
                      <p className="small muted" data-testid="input-source">
                        {t("input", { number: thread.version?.number ?? 0, label: thread.version?.label ?? "" })}
                        {state === "changed" && (
                          <span className="badge warning" data-testid="message-changed">
                            {t("changedSince")}
                          </span>
                        )}
                        {state === "gone" && (
                          <span className="badge warning" data-testid="message-gone">
                            {t("messageGone")}
                          </span>
                        )}
                      </p>
                      {thread.amendment && (
                        <AmendmentActions
                          threadId={thread.id}
                          messageId={thread.messageId}
                          amendment={thread.amendment}
                          draft={thread.draft}
                          moved={state === "changed"}
                          editor={editor}
                          canApply={thread.can.dispose && editor.isEditable}
                          disposition={thread.disposition}
                          onChanged={() => void load()}
                        />
                      )}
                    </>
                  }
                />
              );
            })}
          </section>
        );
      })}
    </aside>
  );
}
