"use client";

import type { Editor } from "@tiptap/react";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useState } from "react";
import { callApi, useErrorText } from "@/components/ui/api";
import { ErrorText } from "@/components/ui/ErrorText";
import { addSource, parseSources, removeSource, type SourceRef } from "@/lib/documents/sources";
import { findMessage, messagePlainText } from "@/lib/documents/text";
import type { SourcePanelData } from "@/lib/sources/panel";
import { useTranslations } from "next-intl";

const REFRESH_MS = 60_000;
const DAY_MS = 24 * 3600_000;

interface Current {
  messageId: string;
  number: number;
  text: string;
  sources: SourceRef[];
}

/** The message the cursor is in, with its number and sources; null outside messages. */
function currentMessage(editor: Editor): Current | null {
  const { $from } = editor.state.selection;
  if ($from.depth < 1 || $from.node(1).type.name !== "message") return null;
  const node = $from.node(1);
  let number = 0;
  const index = $from.index(0);
  for (let i = 0; i <= index; i++) if (editor.state.doc.child(i).type.name === "message") number += 1;
  return {
    messageId: String(node.attrs.messageId),
    number,
    text: messagePlainText(node),
    sources: parseSources(node.attrs.sources),
  };
}

const lastSeenKey = (documentId: string) => `rapporteur:sources-seen:${documentId}`;

/**
 * The Sources panel beside the live draft: the theme's sessions and their
 * submitted reports, searchable and filterable by sub-theme, reports new
 * since the last look flagged. Attaching a session, or one recommendation of
 * its report, writes the message's `sources` attribute: it is co-edited like
 * the text and frozen with each version.
 */
export function SourcesPanel({ documentId, editor, editable }: { documentId: string; editor: Editor; editable: boolean }) {
  const t = useTranslations("sourcesPanel");
  const errorText = useErrorText();
  const types = useTranslations("sources");
  const [data, setData] = useState<SourcePanelData | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const [subTheme, setSubTheme] = useState("");
  const [current, setCurrent] = useState<Current | null>(() => currentMessage(editor));
  // "New": reports submitted since this browser last opened the panel (a day, the first time).
  const [seenBefore] = useState<number>(() => {
    try {
      const stored = Number(window.localStorage.getItem(lastSeenKey(documentId)));
      if (stored > 0) return stored;
    } catch {
      /* storage unavailable: the one-day default */
    }
    return Date.now() - DAY_MS;
  });
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(
    () =>
      callApi<SourcePanelData>("GET", `/api/documents/${documentId}/sources`).then(
        (next) => {
          setData(next);
          setLoadError(null);
        },
        (e: unknown) => setLoadError(errorText(e)),
      ),
    [documentId, errorText],
  );

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  useEffect(() => {
    try {
      window.localStorage.setItem(lastSeenKey(documentId), String(Date.now()));
    } catch {
      /* storage unavailable */
    }
  }, [documentId]);

  useEffect(() => {
    const update = () => setCurrent(currentMessage(editor));
    editor.on("transaction", update);
    return () => {
      editor.off("transaction", update);
    };
  }, [editor]);

  const sessions = useMemo(() => {
    const words = query.trim().toLowerCase();
    return (data?.sessions ?? [])
      .filter((s) => !subTheme || s.subThemeIds.includes(subTheme))
      .filter(
        (s) =>
          !words ||
          [
            s.title,
            s.type,
            types("type", { type: s.typeCode }),
            s.report?.summary ?? "",
            ...(s.report?.items.map((i) => i.text) ?? []),
          ].some((t) => t.toLowerCase().includes(words)),
      )
      .sort((a, b) => (b.report?.at ?? "").localeCompare(a.report?.at ?? "") || a.start.localeCompare(b.start));
  }, [data, query, subTheme, types]);

  const titleOf = (ref: SourceRef) => {
    const session = data?.sessions.find((s) => s.id === ref.session);
    const item = ref.item ? session?.report?.items.find((i) => i.id === ref.item) : undefined;
    return { session, item };
  };

  /** Changes the sources of the message the cursor was in, found again by id (others may have edited meanwhile). */
  const change = (messageId: string, next: (value: unknown) => string | null, done: string) => {
    const found = findMessage(editor.state.doc, messageId);
    if (!found) {
      setNotice(t("gone"));
      return;
    }
    const value = next(found.node.attrs.sources);
    editor.view.dispatch(editor.state.tr.setNodeAttribute(found.pos, "sources", value));
    setNotice(done);
  };

  const attach = (ref: SourceRef, label: string) => {
    if (!current) return;
    change(current.messageId, (value) => addSource(value, ref), t("attachedTo", { number: current.number, label }));
  };

  const attached = (ref: SourceRef) =>
    current?.sources.some((s) => s.session === ref.session && (s.item ?? null) === (ref.item ?? null)) ?? false;

  return (
    <section className="sources-panel stack" aria-label={t("heading")} data-testid="sources-panel">
      <h2 style={{ margin: 0 }}>{t("heading")}</h2>
      <div className="card small" data-testid="current-sources">
        {!current ? (
          <p className="muted" style={{ margin: 0 }}>
            {editable ? t("putCursorEdit") : t("putCursor")}
          </p>
        ) : (
          <>
            <p style={{ margin: 0 }}>
              {t.rich("drawsFrom", { number: current.number, strong: (chunks) => <strong>{chunks}</strong> })}
            </p>
            {current.sources.length === 0 ? (
              <p className="empty" style={{ margin: 0 }}>
                {t("nothingYet")}
              </p>
            ) : (
              <ul>
                {current.sources.map((ref) => {
                  const { session, item } = titleOf(ref);
                  const label = session ? session.title : t("notInProgramme");
                  return (
                    <li key={`${ref.session}/${ref.item ?? ""}`}>
                      {label}
                      {ref.item && <q className="source-quote">{item?.text ?? t("itemGone")}</q>}{" "}
                      {editable && (
                        <button
                          type="button"
                          className="link"
                          aria-label={t("detachLabel", { label, number: current.number })}
                          onClick={() => change(current.messageId, (value) => removeSource(value, ref), t("detached", { label }))}
                        >
                          {t("detach")}
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        )}
      </div>
      {notice && (
        <p className="success small" role="status">
          {notice}
        </p>
      )}
      <div className="row">
        <label style={{ flex: 1 }}>
          {t("search")}
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        {data && data.subThemes.length > 0 && (
          <label>
            {t("subTheme")}
            <select value={subTheme} onChange={(e) => setSubTheme(e.target.value)}>
              <option value="">{t("all")}</option>
              {data.subThemes.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <ErrorText error={loadError} />
      {!data && !loadError && <p className="muted">{t("loading")}</p>}
      {data && data.sessions.length === 0 && <p className="empty">{t("noSessions")}</p>}
      {data && data.sessions.length > 0 && sessions.length === 0 && <p className="empty">{t("noMatch")}</p>}
      <ul className="source-list stack" style={{ listStyle: "none", padding: 0 }}>
        {sessions.map((s) => {
          const fresh = s.report !== null && Date.parse(s.report.at) > seenBefore;
          return (
            <li key={s.id} className="card small" data-testid={`source-${s.id}`}>
              <p style={{ margin: 0 }}>
                <Link href={s.page} target="_blank">
                  {s.title}
                </Link>{" "}
                {fresh && <span className="badge">{s.report!.updated ? t("updated") : t("newReport")}</span>}
              </p>
              <p className="muted" style={{ margin: 0 }}>
                {types("type", { type: s.typeCode })} · {s.start.replace("T", " ")}
                {!s.report && ` · ${t("noReport")}`}
              </p>
              {editable && (
                <button
                  type="button"
                  disabled={!current || attached({ session: s.id })}
                  aria-label={t("attachSessionLabel", {
                    state: attached({ session: s.id }) ? "attached" : "attach",
                    title: s.title,
                    number: current?.number ?? 0,
                  })}
                  onClick={() => attach({ session: s.id }, s.title)}
                >
                  {attached({ session: s.id }) ? t("attached") : t("attachSession")}
                </button>
              )}
              {s.report && s.report.summary && <p>{s.report.summary}</p>}
              {s.report && s.report.items.length > 0 && (
                <ol>
                  {s.report.items.map((item) => (
                    <li key={item.id}>
                      {item.text}{" "}
                      {editable && (
                        <button
                          type="button"
                          className="link"
                          disabled={!current || attached({ session: s.id, item: item.id })}
                          aria-label={t("attachItemLabel", { text: item.text, number: current?.number ?? 0 })}
                          onClick={() => attach({ session: s.id, item: item.id }, t("quoted", { text: item.text }))}
                        >
                          {attached({ session: s.id, item: item.id }) ? t("attached") : t("attach")}
                        </button>
                      )}
                    </li>
                  ))}
                </ol>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
