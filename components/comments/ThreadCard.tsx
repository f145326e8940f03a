"use client";

import { useState, type ReactNode } from "react";
import { AmendmentSummary } from "./Amendment";
import { callApi, useAction } from "@/components/ui/api";
import { ErrorText } from "@/components/ui/ErrorText";
import { linkParts } from "@/lib/comments/text";
import type { CommentView, ThreadView } from "@/lib/comments/read";
import { useWhen } from "@/components/ui/When";
import { useTranslations } from "next-intl";

export const DISPOSITION_OPTIONS: ThreadView["disposition"][] = [
  "PENDING",
  "INCORPORATED",
  "PARTLY_INCORPORATED",
  "NOT_TAKEN_UP",
  "OUT_OF_SCOPE",
];

/** Comment text: plain text with its line breaks; only http, https and mailto addresses become links. */
export function CommentText({ text }: { text: string }) {
  return (
    <span className="comment-text">
      {linkParts(text).map((part, i) =>
        part.kind === "link" ? (
          <a key={i} href={part.href} rel="nofollow ugc noopener noreferrer" target="_blank">
            {part.text}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </span>
  );
}

/** A text box with a submit button that keeps its text when the server says no. */
export function CommentBox(props: {
  label: string;
  submit: string;
  initial?: string;
  notice?: ReactNode;
  onSubmit: (text: string) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const [text, setText] = useState(props.initial ?? "");
  const { pending, error, run } = useAction();
  const t = useTranslations("threads");
  return (
    <form
      className="comment-box stack"
      aria-label={props.label}
      onSubmit={(event) => {
        event.preventDefault();
        void run(() => props.onSubmit(text)).then((done) => {
          if (done !== undefined) setText("");
        });
      }}
    >
      <textarea
        dir="auto"
        aria-label={props.label}
        value={text}
        rows={3}
        maxLength={4000}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) e.currentTarget.form?.requestSubmit();
          if (e.key === "Escape") props.onCancel?.();
        }}
      />
      {props.notice}
      <ErrorText error={error} />
      <div className="row">
        <button type="submit" disabled={pending || text.trim() === ""}>
          {pending ? t("sending") : props.submit}
        </button>
        {props.onCancel && (
          <button type="button" className="secondary" onClick={props.onCancel}>
            {t("cancel")}
          </button>
        )}
      </div>
    </form>
  );
}

/** A small link-style button that runs one API call, then refreshes the thread. */
function ActionLink(props: {
  label: string;
  pending: boolean;
  run: (action: () => Promise<unknown>) => Promise<unknown>;
  call: () => Promise<unknown>;
  onDone: () => void;
  confirm?: string;
}) {
  return (
    <button
      type="button"
      className="link"
      disabled={props.pending}
      onClick={() => {
        if (props.confirm && !window.confirm(props.confirm)) return;
        void props.run(async () => {
          await props.call();
          props.onDone();
        });
      }}
    >
      {props.label}
    </button>
  );
}

function CommentItem({ comment, timeZone, onChanged }: { comment: CommentView; timeZone: string; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  const { pending, error, run } = useAction();
  const t = useTranslations("threads");
  const when = useWhen();
  if (comment.deleted) {
    return (
      <li className="comment deleted muted" data-testid="comment">
        {t("deleted")}
      </li>
    );
  }
  return (
    <li className={`comment${comment.hidden ? " hidden-comment" : ""}`} data-testid="comment">
      <div className="small muted">
        <strong>{comment.authorName}</strong> · {when(comment.createdAt, timeZone, "zoned")}
        {comment.edited && (
          <span
            className="badge"
            title={comment.history.length ? t("earlier", { history: comment.history.join(" → ") }) : undefined}
          >
            {t("edited")}
          </span>
        )}
        {comment.hidden && (
          <span className="badge warning">{comment.hiddenBy ? t("hiddenBy", { name: comment.hiddenBy }) : t("hidden")}</span>
        )}
      </div>
      {editing ? (
        <CommentBox
          label={t("editLabel")}
          submit={t("save")}
          initial={comment.body}
          onCancel={() => setEditing(false)}
          onSubmit={async (body) => {
            await callApi("PATCH", `/api/comments/${comment.id}`, { body });
            setEditing(false);
            onChanged();
          }}
        />
      ) : (
        <p className="comment-body" dir="auto">
          <CommentText text={comment.body} />
        </p>
      )}
      {!editing && (comment.can.edit || comment.can.hide) && (
        <div className="row small">
          {comment.can.edit && (
            <>
              <button type="button" className="link" onClick={() => setEditing(true)}>
                {t("edit")}
              </button>
              <ActionLink
                label={t("delete")}
                confirm={t("confirmDelete")}
                pending={pending}
                run={run}
                call={() => callApi("DELETE", `/api/comments/${comment.id}`)}
                onDone={onChanged}
              />
            </>
          )}
          {comment.can.hide && (
            <ActionLink
              label={comment.hidden ? t("showAgain") : t("hide")}
              pending={pending}
              run={run}
              call={() => callApi("PUT", `/api/comments/${comment.id}/hidden`, { hidden: !comment.hidden })}
              onDone={onChanged}
            />
          )}
        </div>
      )}
      <ErrorText error={error} />
    </li>
  );
}

function DispositionForm({ thread, onChanged }: { thread: ThreadView; onChanged: () => void }) {
  const [disposition, setDisposition] = useState(thread.disposition);
  const [reply, setReply] = useState(thread.dispositionReply);
  const { pending, error, run } = useAction();
  const t = useTranslations("threads");
  const d = useTranslations("dispositions");
  return (
    <details className="disposition-details">
      <summary className="small">{t("setDisposition")}</summary>
      <form
        className="disposition-form stack"
        aria-label={t("disposition")}
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => {
            await callApi("PUT", `/api/threads/${thread.id}/disposition`, { disposition, reply });
            onChanged();
          });
        }}
      >
        <label>
          {t("disposition")}{" "}
          <select value={disposition} onChange={(e) => setDisposition(e.target.value as ThreadView["disposition"])}>
            {DISPOSITION_OPTIONS.map((value) => (
              <option key={value} value={value}>
                {d("label", { disposition: value })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("publicReply")}
          <textarea dir="auto" rows={2} value={reply} maxLength={4000} onChange={(e) => setReply(e.target.value)} />
        </label>
        <ErrorText error={error} />
        <div>
          <button type="submit" disabled={pending}>
            {pending ? t("saving") : t("saveDisposition")}
          </button>
        </div>
      </form>
    </details>
  );
}

/**
 * One thread: its quote, comments, disposition and the actions this viewer
 * may take (the server said which, from the permission table).
 */
export function ThreadCard(props: {
  thread: ThreadView;
  onChanged: () => void;
  /** Shown under the quote: where the words are now, flags about the message. */
  status?: ReactNode;
  active?: boolean;
  onSelect?: () => void;
}) {
  const { thread, onChanged } = props;
  const [replying, setReplying] = useState(false);
  const { pending, error, run } = useAction();
  const t = useTranslations("threads");
  const d = useTranslations("dispositions");
  return (
    <article
      className={`thread card${thread.resolved ? " resolved" : ""}${props.active ? " active" : ""}`}
      data-testid="thread"
      data-thread-id={thread.id}
    >
      <blockquote className="quote" data-testid="thread-quote">
        {props.onSelect ? (
          <button type="button" className="quote-button" title={t("showInDraft")} onClick={props.onSelect}>
            {thread.quote || <span className="muted">{t("wholeMessage")}</span>}
          </button>
        ) : (
          thread.quote || <span className="muted">{t("wholeMessage")}</span>
        )}
      </blockquote>
      {thread.amendment && <AmendmentSummary amendment={thread.amendment} timeZone={thread.timeZone} />}
      {props.status}
      <ol className="comments">
        {thread.comments.map((comment) => (
          <CommentItem key={comment.id} comment={comment} timeZone={thread.timeZone} onChanged={onChanged} />
        ))}
      </ol>
      {thread.version && (
        <div className="disposition small" data-testid="disposition">
          <span className={`badge disposition-${thread.disposition.toLowerCase()}`}>
            {d("label", { disposition: thread.disposition })}
          </span>
          {thread.dispositionReply && (
            <p className="disposition-reply" dir="auto">
              <strong>{t("by", { name: thread.dispositionBy || t("rapporteurs") })}</strong>{" "}
              <CommentText text={thread.dispositionReply} />
            </p>
          )}
        </div>
      )}
      {thread.resolved && <p className="small muted">{t("resolved")}</p>}
      {thread.can.dispose && <DispositionForm thread={thread} onChanged={onChanged} />}
      <div className="row small">
        {thread.can.reply && !replying && (
          <button type="button" className="link" onClick={() => setReplying(true)}>
            {t("reply")}
          </button>
        )}
        {thread.can.resolve && (
          <ActionLink
            label={thread.resolved ? t("reopen") : t("resolve")}
            pending={pending}
            run={run}
            call={() => callApi("PATCH", `/api/threads/${thread.id}`, { resolved: !thread.resolved })}
            onDone={onChanged}
          />
        )}
      </div>
      <ErrorText error={error} />
      {replying && (
        <CommentBox
          label={t("reply")}
          submit={t("reply")}
          onCancel={() => setReplying(false)}
          notice={thread.version ? <p className="small muted">{t("replyPublic")}</p> : undefined}
          onSubmit={async (body) => {
            await callApi("POST", `/api/threads/${thread.id}/comments`, { body });
            setReplying(false);
            onChanged();
          }}
        />
      )}
    </article>
  );
}
