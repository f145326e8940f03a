"use client";

import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { ApiError, callApi } from "@/components/ui/api";
import type { ThreadView } from "@/lib/comments/read";
import { useLive } from "@/components/ui/live";
import { ProposeAmendment, STALE_CODES } from "./Amendment";
import { CommentBox, ThreadCard } from "./ThreadCard";
import { useTranslations } from "next-intl";

interface Selection {
  messageId: string;
  start: number;
  end: number;
  quote: string;
}

interface Commenting {
  versionId: string;
  canStart: boolean;
  why: string;
  signInHref: string | null;
  joinHref: string | null;
  selection: Selection | null;
  refresh: () => void;
}

const CommentingContext = createContext<Commenting | null>(null);

/** Plain-text length of a paragraph as `messagePlainText` counts it: text, and one per hard break. */
function paragraphLength(paragraph: Element): number {
  return (paragraph.textContent ?? "").length + paragraph.querySelectorAll("br").length;
}

/** UTF-16 offset in the message's plain text of a DOM point inside one of its paragraphs. */
function offsetIn(paragraphs: Element[], node: Node, offset: number): number | null {
  const index = paragraphs.findIndex((p) => p.contains(node));
  if (index < 0) return null;
  const range = document.createRange();
  range.setStart(paragraphs[index], 0);
  range.setEnd(node, offset);
  const before = range.toString().length + range.cloneContents().querySelectorAll("br").length;
  return paragraphs.slice(0, index).reduce((sum, p) => sum + paragraphLength(p) + 1, 0) + before;
}

/** The DOM point for a UTF-16 offset of a message's plain text (the inverse of `offsetIn`). */
function pointAt(paragraphs: Element[], offset: number): [Node, number] | null {
  let base = 0;
  for (const paragraph of paragraphs) {
    const length = paragraphLength(paragraph);
    if (offset <= base + length) {
      let left = offset - base;
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
      while (walker.nextNode()) {
        const node = walker.currentNode;
        if (node instanceof Text) {
          if (left <= node.data.length) return [node, left];
          left -= node.data.length;
        } else if (node instanceof HTMLBRElement) {
          left -= 1;
        }
      }
      return [paragraph, paragraph.childNodes.length];
    }
    base += length + 1;
  }
  return null;
}

const HIGHLIGHT = "comment-quotes";

/** A thread's quoted words: UTF-16 offsets into the frozen message text. */
type QuoteRange = { messageId: string; start: number; end: number };

/** Marks the quoted words of the version's threads, without touching the text (CSS Custom Highlight API). */
function highlightQuotes(root: Element, quotes: QuoteRange[]): () => void {
  if (typeof CSS === "undefined" || !("highlights" in CSS) || typeof Highlight === "undefined") return () => {};
  const ranges: Range[] = [];
  for (const quote of quotes) {
    const text = root.querySelector(`[data-message-id="${CSS.escape(quote.messageId)}"] .message-text`);
    if (!text) continue;
    const paragraphs = Array.from(text.querySelectorAll(":scope > p"));
    const start = pointAt(paragraphs, quote.start);
    const end = pointAt(paragraphs, quote.end);
    if (!start || !end) continue;
    const range = document.createRange();
    range.setStart(...start);
    range.setEnd(...end);
    ranges.push(range);
  }
  CSS.highlights.set(HIGHLIGHT, new Highlight(...ranges));
  return () => CSS.highlights.delete(HIGHLIGHT);
}

/** The selected words, if they lie inside one message of the version. */
function readSelection(root: Element): Selection | null {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const element = (n: Node) => (n instanceof Element ? n : n.parentElement);
  const message = element(range.startContainer)?.closest("[data-message-id]");
  if (!message || !root.contains(message) || message !== element(range.endContainer)?.closest("[data-message-id]")) return null;
  const text = message.querySelector(".message-text");
  if (!text) return null;
  const paragraphs = Array.from(text.querySelectorAll(":scope > p"));
  const start = offsetIn(paragraphs, range.startContainer, range.startOffset);
  const end = offsetIn(paragraphs, range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  return { messageId: message.getAttribute("data-message-id")!, start, end, quote: range.toString() };
}

/**
 * Wraps a version's text: remembers the words selected inside a message so
 * that the message's "Comment" button can quote them.
 */
export function VersionCommenting(props: {
  versionId: string;
  canStart: boolean;
  why: string;
  signInHref: string | null;
  joinHref: string | null;
  /** Ranges of the threads' quotes, to mark in the text. */
  quotes: QuoteRange[];
  children: ReactNode;
}) {
  const router = useRouter();
  const [selection, setSelection] = useState<Selection | null>(null);
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  useEffect(() => {
    if (!root || !props.canStart) return;
    const update = () => {
      const next = readSelection(root);
      // Keep the last selection while the user moves to the comment box.
      if (next) setSelection(next);
    };
    document.addEventListener("selectionchange", update);
    return () => document.removeEventListener("selectionchange", update);
  }, [root, props.canStart]);
  // New threads, replies, amendments and dispositions appear without a reload.
  useLive(`/api/live?version=${props.versionId}`, () => router.refresh());
  const quotes = JSON.stringify(props.quotes);
  useEffect(() => (root ? highlightQuotes(root, JSON.parse(quotes) as QuoteRange[]) : undefined), [root, quotes]);
  const value: Commenting = {
    versionId: props.versionId,
    canStart: props.canStart,
    why: props.why,
    signInHref: props.signInHref,
    joinHref: props.joinHref,
    selection,
    refresh: () => {
      setSelection(null);
      router.refresh();
    },
  };
  return (
    <CommentingContext.Provider value={value}>
      <div ref={setRoot} className="commentable">
        {props.children}
      </div>
    </CommentingContext.Provider>
  );
}

/** The threads on one message of a version, and (when allowed) a way to start one. */
export function MessageThreads({
  messageId,
  threads,
  text,
  plain,
}: {
  messageId: string;
  threads: ThreadView[];
  /** The message in the amendment format (paragraphs separated by a blank line). */
  text: string;
  /** The message's plain text (`messagePlainText`), which quote offsets count in. */
  plain: string;
}) {
  const ctx = useContext(CommentingContext)!;
  const t = useTranslations("versionComments");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [proposing, setProposing] = useState<"wording" | "message" | null>(null);
  // The words to quote, typed or taken from a selection: keyboard users need no mouse to quote a phrase.
  const [words, setWords] = useState("");
  const [quoted, setQuoted] = useState<Selection | null>(null);
  const selected = ctx.selection?.messageId === messageId ? ctx.selection : null;
  return (
    <aside className="message-threads" aria-label={t("label")} data-testid={`threads-${messageId}`}>
      {threads.map((thread) => (
        <ThreadCard key={thread.id} thread={thread} onChanged={ctx.refresh} />
      ))}
      {ctx.canStart && !open && (
        <button
          type="button"
          className="link small"
          onClick={() => {
            setQuoted(selected);
            setWords(selected?.quote ?? "");
            setOpen(true);
          }}
        >
          {selected
            ? t("commentOn", { quote: selected.quote.length > 40 ? selected.quote.slice(0, 40) + "…" : selected.quote })
            : t("commentOnMessage")}
        </button>
      )}
      {ctx.canStart && !open && !proposing && (
        <span className="row small">
          <button type="button" className="link" onClick={() => setProposing("wording")}>
            {t("proposeWording")}
          </button>
          <button type="button" className="link" onClick={() => setProposing("message")}>
            {t("proposeMessage")}
          </button>
        </span>
      )}
      {proposing && (
        <ProposeAmendment
          versionId={ctx.versionId}
          messageId={messageId}
          text={text}
          newMessage={proposing === "message"}
          onCancel={() => setProposing(null)}
          onStale={() => router.refresh()}
          onDone={() => {
            setProposing(null);
            ctx.refresh();
          }}
        />
      )}
      {open && (
        <div className="card stack new-thread">
          <CommentBox
            label={t("yourComment")}
            submit={t("post")}
            notice={
              <>
                <label className="small">
                  {t("quoteWords")}
                  <input dir="auto" value={words} onChange={(e) => setWords(e.target.value)} />
                </label>
                <p className="small muted">{t("public")}</p>
              </>
            }
            onCancel={() => setOpen(false)}
            onSubmit={async (body) => {
              let range: { start: number; end: number } | null = null;
              if (words.trim() !== "") {
                if (quoted && quoted.quote === words) range = { start: quoted.start, end: quoted.end };
                else {
                  const at = plain.indexOf(words);
                  if (at < 0) throw new Error(t("notInMessage"));
                  range = { start: at, end: at + words.length };
                }
              }
              try {
                await callApi("POST", `/api/versions/${ctx.versionId}/threads`, { messageId, ...(range ?? {}), body });
              } catch (error) {
                if (error instanceof ApiError && STALE_CODES.has(error.code)) router.refresh();
                throw error;
              }
              setOpen(false);
              ctx.refresh();
            }}
          />
        </div>
      )}
    </aside>
  );
}

/** Says whether and how this visitor may comment on the version. */
export function CommentingNote() {
  const ctx = useContext(CommentingContext)!;
  const t = useTranslations("versionComments");
  if (ctx.canStart) {
    return (
      <p className="notice small" data-testid="commenting-note">
        {t("how")}
      </p>
    );
  }
  return (
    <p className="notice small" data-testid="commenting-note">
      {ctx.why}{" "}
      {ctx.signInHref && (
        <a href={ctx.signInHref}>
          <strong>{t("signIn")}</strong>
        </a>
      )}
      {ctx.joinHref && (
        <a href={ctx.joinHref}>
          <strong>{t("join")}</strong>
        </a>
      )}
    </p>
  );
}
