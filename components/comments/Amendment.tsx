"use client";

import type { Editor } from "@tiptap/react";
import { useState } from "react";
import { ApiError, callApi, useAction } from "@/components/ui/api";
import { ErrorText } from "@/components/ui/ErrorText";
import { WordDiff } from "@/components/WordDiff";
import { applyAmendment, appliedDisposition, newMessageIdFor } from "@/lib/comments/amend";
import type { WordPart } from "@/lib/documents/word-diff";
import type { AmendmentView } from "@/lib/comments/read";
import { useWhen } from "@/components/ui/When";
import { useTranslations } from "next-intl";

/** Word-level differences: insertions underlined, deletions struck through. */
export function DiffView({ parts, label }: { parts: WordPart[]; label: string }) {
  return (
    <p className="amendment-diff" dir="auto" aria-label={label} data-testid="amendment-diff">
      <WordDiff parts={parts} />
    </p>
  );
}

/** What an amendment proposes (against the version's text) and whether it went into the draft. */
export function AmendmentSummary({ amendment, timeZone }: { amendment: AmendmentView; timeZone: string }) {
  const t = useTranslations("amendments");
  const when = useWhen();
  const partly =
    amendment.applied && appliedDisposition(amendment.proposedText, amendment.applied.text) === "PARTLY_INCORPORATED";
  return (
    <div className="amendment small" data-testid="amendment">
      <p className="muted" style={{ margin: 0 }}>
        <span className="badge">{amendment.newMessage ? t("proposedMessage") : t("proposedWording")}</span>{" "}
        {amendment.newMessage ? t("toAddAfter") : t("changesToPublished")}
      </p>
      <DiffView parts={amendment.diff} label={t("proposedChanges")} />
      {amendment.applied && (
        <p className="success" data-testid="amendment-applied" style={{ margin: 0 }}>
          {t.rich(partly ? "appliedWithChanges" : "applied", {
            by: amendment.applied.by,
            when: when(amendment.applied.at, timeZone),
            text: () => <q>{amendment.applied!.text}</q>,
          })}
        </p>
      )}
    </div>
  );
}

/**
 * Beside the live draft: the amendment against the draft as it is now,
 * editable, applied in one step (one edit of the draft, undoable, seen by
 * everyone at once) or rejected with a reason.
 */
export function AmendmentActions(props: {
  threadId: string;
  messageId: string;
  amendment: AmendmentView;
  draft: { text: string; diff: WordPart[] } | null;
  moved: boolean;
  editor: Editor;
  canApply: boolean;
  disposition: string;
  onChanged: () => void;
}) {
  const { amendment, editor } = props;
  const [text, setText] = useState(amendment.proposedText);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const { pending, error, run, setError } = useAction();
  const t = useTranslations("amendments");
  if (amendment.applied) return null;
  // Not taken up: the rapporteurs set it back to pending (its disposition) before applying it after all.
  if (props.disposition === "NOT_TAKEN_UP") return null;
  const apply = () =>
    run(async () => {
      if (!editor.isEditable) throw new Error(t("readOnly"));
      const result = applyAmendment(editor.state, {
        messageId: props.messageId,
        text,
        newMessage: amendment.newMessage,
        newMessageId: newMessageIdFor(props.threadId),
      });
      if (!result) throw new Error(t("messageGone"));
      editor.view.dispatch(result.tr.scrollIntoView());
      await callApi("POST", `/api/threads/${props.threadId}/apply`, {
        text,
        edited: true,
        ...(amendment.newMessage ? { messageId: result.messageId } : {}),
      });
      props.onChanged();
    });
  return (
    <div className="stack small amendment-actions" data-testid="amendment-actions">
      {props.moved && !amendment.newMessage && (
        <p className="badge warning" data-testid="amendment-moved">
          {t("moved")}
        </p>
      )}
      {props.draft && !amendment.newMessage && <DiffView parts={props.draft.diff} label={t("againstDraft")} />}
      {props.canApply && (
        <>
          <label>
            {t("textToApply")}
            <textarea dir="auto" rows={4} value={text} onChange={(e) => setText(e.target.value)} />
          </label>
          <div className="row">
            <button type="button" className="primary" disabled={pending || !text.trim()} onClick={() => void apply()}>
              {amendment.newMessage ? t("addMessage") : t("apply")}
            </button>
            {!rejecting && (
              <button type="button" disabled={pending} onClick={() => setRejecting(true)}>
                {t("reject")}
              </button>
            )}
          </div>
          {rejecting && (
            <form
              className="stack"
              onSubmit={(e) => {
                e.preventDefault();
                if (!reason.trim()) return setError(t("sayWhy"));
                void run(async () => {
                  await callApi("POST", `/api/threads/${props.threadId}/reject`, { reason });
                  setRejecting(false);
                  props.onChanged();
                });
              }}
            >
              <label>
                {t("whyRejected")}
                <textarea dir="auto" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
              </label>
              <div className="row">
                <button type="submit" disabled={pending}>
                  {t("rejectAmendment")}
                </button>
                <button type="button" onClick={() => setRejecting(false)}>
                  {t("cancel")}
                </button>
              </div>
            </form>
          )}
        </>
      )}
      <ErrorText error={error} />
    </div>
  );
}

/** Error codes meaning the page shows an outdated state: a newer version is out, or the window closed. */
export const STALE_CODES = new Set(["superseded", "window_closed", "window_not_open", "archived"]);

/** On a version page: propose new wording for a message, or a new message after it. */
export function ProposeAmendment(props: {
  versionId: string;
  messageId: string;
  text: string;
  newMessage: boolean;
  onDone: () => void;
  onCancel: () => void;
  /** The page is out of date (a newer version, the window closed): reload what it shows. */
  onStale: () => void;
}) {
  const [text, setText] = useState(props.newMessage ? "" : props.text);
  const [reason, setReason] = useState("");
  const { pending, error, run } = useAction();
  const t = useTranslations("amendments");
  return (
    <form
      className="card stack new-thread"
      aria-label={props.newMessage ? t("proposeMessage") : t("proposeWording")}
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          try {
            await callApi("POST", `/api/versions/${props.versionId}/amendments`, {
              messageId: props.messageId,
              text,
              reason,
              newMessage: props.newMessage,
            });
          } catch (error) {
            // The text stays in the form; the page catches up with what changed.
            if (error instanceof ApiError && STALE_CODES.has(error.code)) props.onStale();
            throw error;
          }
          props.onDone();
        });
      }}
    >
      <label>
        {props.newMessage ? t("newMessageText") : t("yourWording")}
        <textarea dir="auto" rows={5} value={text} onChange={(e) => setText(e.target.value)} required />
      </label>
      <label>
        {t("why")}
        <textarea dir="auto" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} required />
      </label>
      <ErrorText error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={pending}>
          {t("propose")}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
