"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { callApi, useErrorText } from "@/components/ui/api";
import { ErrorText } from "@/components/ui/ErrorText";
import { useHydrated } from "@/components/ui/hydrated";
import { useWhen } from "@/components/ui/When";
import { REPORT_PARTS, missingPartsOf, newItemId, type ReportContent, type ReportPartKey } from "@/lib/events/report-content";
import { useTranslations } from "next-intl";

type Item = { id?: string; text: string };
type Draft = Omit<ReportContent, "recommendations"> & { recommendations: { items: Item[]; notApplicable: string | null } };

const AUTOSAVE_MS = 1500;

/**
 * The report form, on the template's eight parts. The working copy is saved
 * as you type (privately); "Submit" makes it the public report, and a later
 * "Submit update" adds a revision while the earlier ones stay in its history.
 */
export function ReportForm({
  event,
  sessionId,
  initial,
  submitted,
  unsubmittedChanges,
}: {
  event: string;
  sessionId: string;
  initial: ReportContent;
  /** Whether a submission exists already. */
  submitted: boolean;
  unsubmittedChanges: boolean;
}) {
  const t = useTranslations("reportForm");
  const parts = useTranslations("report");
  const when = useWhen();
  const errorText = useErrorText();
  const hydrated = useHydrated();
  const [draft, setDraft] = useState<Draft>(initial);
  const [state, setState] = useState<"saved" | "unsaved" | "saving" | "error">("saved");
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isSubmitted, setSubmitted] = useState(submitted);
  const [pendingSubmit, setPendingSubmit] = useState(!submitted || unsubmittedChanges);
  const [done, setDone] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // What was typed last, for saves that finish after more typing (set wherever the draft changes).
  const latest = useRef<Draft>(initial);
  const url = `/api/events/${event}/sessions/${sessionId}/report`;

  const save = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const sent = latest.current;
    setState("saving");
    try {
      const result = await callApi<{ content: ReportContent; savedAt: string }>("PUT", url, sent);
      // Every item has its id from the start (newItemId), so what was typed since the save is kept as it is.
      const typedSince = latest.current !== sent;
      if (!typedSince) {
        latest.current = result.content;
        setDraft(result.content);
      }
      setSavedAt(result.savedAt);
      setState(typedSince ? "unsaved" : "saved");
      setError(null);
      return true;
    } catch (e) {
      setState("error");
      setError(errorText(e));
      return false;
    }
  }, [url, errorText]);

  const change = (next: Draft) => {
    latest.current = next;
    setDraft(next);
    setState("unsaved");
    setPendingSubmit(true);
    setDone(null);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
  };

  useEffect(() => {
    if (state !== "unsaved" && state !== "error" && state !== "saving") return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [state]);

  const submit = async () => {
    setDone(null);
    const missing = missingPartsOf(draft as ReportContent);
    if (missing.length > 0) {
      setError(
        t("incomplete", {
          parts: missing.map((p) => t("partRef", { number: p.number, title: parts(`parts.${p.key}.title`) })).join("; "),
        }),
      );
      return;
    }
    if (!(await save())) return;
    try {
      const result = await callApi<{ revision: number }>("POST", url, latest.current);
      setSubmitted(true);
      setPendingSubmit(false);
      setError(null);
      setDone(result.revision === 1 ? t("submittedFirst") : t("submittedUpdate", { number: result.revision - 1 }));
    } catch (e) {
      setError(errorText(e));
    }
  };

  const setPart = <K extends ReportPartKey>(key: K, value: Draft[K]) => change({ ...draft, [key]: value });

  return (
    <form
      aria-label={t("label")}
      className="stack report-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset disabled={!hydrated} className="stack">
        <p className="editor-status" role="status" data-testid="report-save-state">
          {state === "saving"
            ? t("saving")
            : state === "unsaved"
              ? t("unsaved")
              : state === "error"
                ? t("notSaved")
                : savedAt
                  ? t("savedAt", { when: when(savedAt, undefined, "time") })
                  : t("saved")}
          {" · "}
          {isSubmitted ? (pendingSubmit ? t("changesPending") : t("public")) : t("private")}
        </p>
        {REPORT_PARTS.map((part) => (
          <fieldset key={part.key} className="card report-part" aria-labelledby={`part-${part.key}`}>
            <legend id={`part-${part.key}`}>
              {part.number}. {parts(`parts.${part.key}.title`)}
            </legend>
            <p className="small muted">{parts(`parts.${part.key}.hint`)}</p>
            <NotApplicable
              value={draft[part.key].notApplicable}
              title={parts(`parts.${part.key}.title`)}
              onChange={(notApplicable) => setPart(part.key, { ...draft[part.key], notApplicable })}
            />
            {draft[part.key].notApplicable === null && (
              <PartFields part={part.key} title={parts(`parts.${part.key}.title`)} draft={draft} setPart={setPart} />
            )}
          </fieldset>
        ))}
        <ErrorText error={error} />
        {done && (
          <p className="success" role="status">
            {done}
          </p>
        )}
        <div className="row">
          <button type="button" onClick={() => void save()} disabled={state === "saving"}>
            {t("saveDraft")}
          </button>
          <button type="submit" className="primary" disabled={state === "saving" || (isSubmitted && !pendingSubmit)}>
            {isSubmitted ? t("submitUpdate") : t("submit")}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function NotApplicable({
  value,
  title,
  onChange,
}: {
  value: string | null;
  title: string;
  onChange: (v: string | null) => void;
}) {
  const t = useTranslations("reportForm");
  return (
    <div className="row">
      <label className="inline">
        <input type="checkbox" checked={value !== null} onChange={(e) => onChange(e.target.checked ? "" : null)} />{" "}
        {t("doesNotApply")}
      </label>
      {value !== null && (
        <label style={{ flex: 1 }}>
          {t("why", { title })}
          <input value={value} maxLength={2000} required onChange={(e) => onChange(e.target.value)} />
        </label>
      )}
    </div>
  );
}

function PartFields({
  part,
  title,
  draft,
  setPart,
}: {
  part: ReportPartKey;
  title: string;
  draft: Draft;
  setPart: <K extends ReportPartKey>(key: K, value: Draft[K]) => void;
}) {
  const t = useTranslations("reportForm");
  if (part === "recommendations") {
    const { items } = draft.recommendations;
    const set = (next: Item[]) => setPart("recommendations", { ...draft.recommendations, items: next });
    return (
      <div className="stack">
        {items.length === 0 && <p className="empty">{t("noRecommendation")}</p>}
        <ol className="stack">
          {items.map((item, i) => (
            <li key={item.id ?? `new-${i}`} className="row">
              <label style={{ flex: 1 }}>
                {t("recommendation", { number: i + 1 })}
                <textarea
                  rows={2}
                  value={item.text}
                  maxLength={2000}
                  onChange={(e) => set(items.map((it, j) => (j === i ? { ...it, text: e.target.value } : it)))}
                />
              </label>
              <button
                type="button"
                onClick={() => set(items.filter((_, j) => j !== i))}
                aria-label={t("removeRecommendation", { number: i + 1 })}
              >
                {t("remove")}
              </button>
            </li>
          ))}
        </ol>
        <div>
          <button
            type="button"
            onClick={() => set([...items, { id: newItemId(new Set(items.flatMap((i) => (i.id ? [i.id] : [])))), text: "" }])}
          >
            {t("addRecommendation")}
          </button>
        </div>
      </div>
    );
  }
  if (part === "participation") {
    const p = draft.participation;
    const number = (key: "onSite" | "women" | "online", label: string) => (
      <label>
        {label}
        <input
          type="number"
          min={0}
          inputMode="numeric"
          value={p[key] ?? ""}
          onChange={(e) => {
            const value = e.target.value === "" ? null : Math.max(0, Math.floor(Number(e.target.value)));
            setPart("participation", { ...p, [key]: Number.isFinite(value) ? value : null });
          }}
        />
      </label>
    );
    return (
      <div className="row">
        {number("onSite", t("onSite"))}
        {number("women", t("women"))}
        {number("online", t("online"))}
      </div>
    );
  }
  if (part === "outputs") {
    const { links } = draft.outputs;
    const set = (next: typeof links) => setPart("outputs", { ...draft.outputs, links: next });
    return (
      <div className="stack">
        {links.length === 0 && <p className="empty">{t("noOutput")}</p>}
        {links.map((link, i) => (
          <div key={i} className="row">
            <label>
              {t("outputLabel")}
              <input
                value={link.label}
                onChange={(e) => set(links.map((l, j) => (j === i ? { ...l, label: e.target.value } : l)))}
              />
            </label>
            <label style={{ flex: 1 }}>
              {t("outputAddress")}
              <input
                type="url"
                value={link.url}
                placeholder="https://"
                onChange={(e) => set(links.map((l, j) => (j === i ? { ...l, url: e.target.value } : l)))}
              />
            </label>
            <button
              type="button"
              onClick={() => set(links.filter((_, j) => j !== i))}
              aria-label={t("removeOutput", { number: i + 1 })}
            >
              {t("remove")}
            </button>
          </div>
        ))}
        <div>
          <button type="button" onClick={() => set([...links, { label: "", url: "" }])}>
            {t("addOutput")}
          </button>
        </div>
      </div>
    );
  }
  const value = draft[part];
  return (
    <label>
      {title}
      <textarea
        rows={6}
        value={value.text}
        maxLength={20000}
        onChange={(e) => setPart(part, { ...value, text: e.target.value })}
      />
    </label>
  );
}
