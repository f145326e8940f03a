"use client";

import { Form, textField } from "@/components/ui/Form";
import { ClientButton } from "@/components/ui/ClientButton";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, useAction } from "@/components/ui/api";
import { CopyLink } from "@/components/ui/CopyLink";
import { ErrorText } from "@/components/ui/ErrorText";
import type { ThemeRow } from "@/components/events/ThemeManager";
import { useWhen } from "@/components/ui/When";
import { useTranslations } from "next-intl";

type Role = "SECRETARIAT" | "RAPPORTEUR" | "PARTICIPANT";
const ROLES: Role[] = ["SECRETARIAT", "RAPPORTEUR", "PARTICIPANT"];

/** The roles as options of a select, named in the reader's language. */
function RoleOptions() {
  const t = useTranslations("workspace");
  return ROLES.map((role) => (
    <option key={role} value={role}>
      {t("role", { role })}
    </option>
  ));
}

interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
  themeIds: string[];
}
interface Invitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
}
interface IssuedLink {
  email: string;
  url: string;
}

function themeNames(themes: ThemeRow[], ids: string[], all: string) {
  if (ids.length === 0) return all;
  return ids.map((id) => themes.find((t) => t.id === id)?.title ?? "?").join(", ");
}

function ThemePicker({ themes, name }: { themes: ThemeRow[]; name: string }) {
  const t = useTranslations("people");
  if (themes.length === 0) return null;
  return (
    <fieldset className="row" style={{ border: 0, padding: 0 }}>
      <legend className="small muted">{t("themesLegend")}</legend>
      {themes.map((theme) => (
        <label className="inline" key={theme.id}>
          <input type="checkbox" name={name} value={theme.id} /> {theme.title}
        </label>
      ))}
    </fieldset>
  );
}

export function PeopleManager(props: {
  event: string;
  /** The event's time zone, which invitation expiries are shown in. */
  timeZone: string;
  themes: ThemeRow[];
  members: Member[];
  invitations: Invitation[];
  /** The programme's sessions, to name those whose report the invited person will file. */
  sessions?: { id: string; title: string }[];
}) {
  const { event, themes, members, invitations, sessions = [] } = props;
  const t = useTranslations("people");
  const roles = useTranslations("workspace");
  const when = useWhen();
  const router = useRouter();
  const { pending, error, run } = useAction();
  const [links, setLinks] = useState<IssuedLink[]>([]);
  const [report, setReport] = useState<string | null>(null);
  const api = `/api/events/${event}`;

  const inviteOne = (form: FormData) =>
    run(async () => {
      const { invitation } = await callApi<{ invitation: IssuedLink }>("POST", `${api}/invitations`, {
        email: form.get("email"),
        role: form.get("role"),
        themeIds: form.getAll("themeIds"),
        sessionIds: form.getAll("sessionIds"),
      });
      setLinks([invitation]);
      setReport(null);
      router.refresh();
    });

  const inviteCsv = (form: FormData) =>
    run(async () => {
      const file = form.get("file");
      const csv = file instanceof File && file.size > 0 ? await file.text() : textField(form, "csv");
      const result = await callApi<{ invited: IssuedLink[]; skipped: { email: string; skipped: string }[]; invalid: string[] }>(
        "POST",
        `${api}/invitations/bulk`,
        { csv, role: form.get("role"), themeIds: form.getAll("themeIds") },
      );
      setLinks(result.invited);
      const notes = [
        t("invited", { count: result.invited.length }),
        ...result.skipped.map((s) => `${s.email}: ${s.skipped}`),
        ...result.invalid.map((v) => t("notAnAddress", { value: v })),
      ];
      setReport(notes.join(" · "));
      router.refresh();
    });

  return (
    <section className="card" aria-labelledby="people-heading">
      <h2 id="people-heading" style={{ marginTop: 0 }}>
        {t("heading")}
      </h2>
      {members.length === 0 ? (
        <p className="empty">{t("empty")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("name")}</th>
              <th>{t("email")}</th>
              <th>{t("role")}</th>
              <th>
                <span className="visually-hidden">{t("actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId} data-testid={`member-${m.email}`}>
                <td>{m.name}</td>
                <td>{m.email}</td>
                <td>
                  <select
                    aria-label={t("roleOf", { email: m.email })}
                    defaultValue={m.role}
                    disabled={pending}
                    onChange={(e) =>
                      void run(async () => {
                        await callApi("PATCH", `${api}/members/${m.userId}`, { role: e.target.value, themeIds: m.themeIds });
                        router.refresh();
                      })
                    }
                  >
                    <RoleOptions />
                  </select>
                  {m.role === "RAPPORTEUR" && <div className="small muted">{themeNames(themes, m.themeIds, t("allThemes"))}</div>}
                </td>
                <td style={{ textAlign: "end" }}>
                  <ClientButton
                    type="button"
                    className="danger"
                    disabled={pending}
                    onClick={() => {
                      if (window.confirm(t("confirmRemove", { email: m.email }))) {
                        void run(async () => {
                          await callApi("DELETE", `${api}/members/${m.userId}`);
                          router.refresh();
                        });
                      }
                    }}
                  >
                    {t("remove")}
                  </ClientButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>{t("inviteOne")}</h3>
      <Form className="stack" aria-label={t("inviteOne")} onSubmit={inviteOne}>
        <div className="row">
          <label>
            {t("email")}
            <input name="email" type="email" required />
          </label>
          <label>
            {t("role")}
            <select name="role" defaultValue="RAPPORTEUR">
              <RoleOptions />
            </select>
          </label>
          <ClientButton type="submit" disabled={pending}>
            {t("createOne")}
          </ClientButton>
        </div>
        <ThemePicker themes={themes} name="themeIds" />
        {sessions.length > 0 && (
          <label>
            {t("reporterOf")}
            <select name="sessionIds" multiple size={Math.min(5, sessions.length)}>
              {sessions.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
          </label>
        )}
      </Form>

      <h3>{t("inviteMany")}</h3>
      <Form className="stack" aria-label={t("inviteCsv")} onSubmit={inviteCsv}>
        <div className="row">
          <label>
            {t("csvFile")}
            <input name="file" type="file" accept=".csv,text/csv,text/plain" />
          </label>
          <label>
            {t("role")}
            <select name="role" defaultValue="PARTICIPANT">
              <RoleOptions />
            </select>
          </label>
        </div>
        <label>
          {t("paste")}
          <textarea name="csv" rows={3} />
        </label>
        <ThemePicker themes={themes} name="themeIds" />
        <div>
          <ClientButton type="submit" disabled={pending}>
            {t("createMany")}
          </ClientButton>
        </div>
      </Form>

      <ErrorText error={error} />
      {report && <p className="notice">{report}</p>}
      {links.length > 0 && (
        <div className="stack" style={{ marginTop: "1rem" }}>
          <p className="muted small">{t("sendLinks")}</p>
          {links.map((l) => (
            <CopyLink key={l.url} label={t("invitationFor", { email: l.email })} url={l.url} />
          ))}
        </div>
      )}

      {invitations.length > 0 && (
        <>
          <h3>{t("open")}</h3>
          <table>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.id}>
                  <td>{i.email}</td>
                  <td>{roles("role", { role: i.role })}</td>
                  <td className="small muted">{t("expires", { when: when(i.expiresAt, props.timeZone) })}</td>
                  <td style={{ textAlign: "end" }}>
                    <ClientButton
                      type="button"
                      className="danger"
                      disabled={pending}
                      onClick={() =>
                        void run(async () => {
                          await callApi("DELETE", `${api}/invitations/${i.id}`);
                          router.refresh();
                        })
                      }
                    >
                      {t("revoke")}
                    </ClientButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
