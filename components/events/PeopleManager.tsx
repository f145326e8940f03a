"use client";

import { Form, textField } from "@/components/ui/Form";
import { ClientButton } from "@/components/ui/ClientButton";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, useAction } from "@/components/ui/api";
import { CopyLink } from "@/components/ui/CopyLink";
import { ErrorText } from "@/components/ui/ErrorText";
import type { ThemeRow } from "@/components/events/ThemeManager";

type Role = "SECRETARIAT" | "RAPPORTEUR" | "PARTICIPANT";
const ROLES: { value: Role; label: string }[] = [
  { value: "SECRETARIAT", label: "Secretariat" },
  { value: "RAPPORTEUR", label: "Rapporteur" },
  { value: "PARTICIPANT", label: "Participant" },
];

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

function themeNames(themes: ThemeRow[], ids: string[]) {
  if (ids.length === 0) return "all themes";
  return ids.map((id) => themes.find((t) => t.id === id)?.title ?? "?").join(", ");
}

function ThemePicker({ themes, name }: { themes: ThemeRow[]; name: string }) {
  if (themes.length === 0) return null;
  return (
    <fieldset className="row" style={{ border: 0, padding: 0 }}>
      <legend className="small muted">Rapporteur themes (none ticked = every theme)</legend>
      {themes.map((t) => (
        <label className="inline" key={t.id}>
          <input type="checkbox" name={name} value={t.id} /> {t.title}
        </label>
      ))}
    </fieldset>
  );
}

export function PeopleManager(props: {
  event: string;
  themes: ThemeRow[];
  members: Member[];
  invitations: Invitation[];
  /** The programme's sessions, to name those whose report the invited person will file. */
  sessions?: { id: string; title: string }[];
}) {
  const { event, themes, members, invitations, sessions = [] } = props;
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
        `${result.invited.length} invited`,
        ...result.skipped.map((s) => `${s.email}: ${s.skipped}`),
        ...result.invalid.map((v) => `"${v}" is not an e-mail address`),
      ];
      setReport(notes.join(" · "));
      router.refresh();
    });

  return (
    <section className="card" aria-labelledby="people-heading">
      <h2 id="people-heading" style={{ marginTop: 0 }}>
        People
      </h2>
      {members.length === 0 ? (
        <p className="empty">Nobody yet: invite the secretariat and rapporteurs below.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>E-mail</th>
              <th>Role</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId} data-testid={`member-${m.email}`}>
                <td>{m.name}</td>
                <td>{m.email}</td>
                <td>
                  <select
                    aria-label={`Role of ${m.email}`}
                    defaultValue={m.role}
                    disabled={pending}
                    onChange={(e) =>
                      void run(async () => {
                        await callApi("PATCH", `${api}/members/${m.userId}`, { role: e.target.value, themeIds: m.themeIds });
                        router.refresh();
                      })
                    }
                  >
                    {ROLES.map((r) => (
                      <option key={r.value} value={r.value}>
                        {r.label}
                      </option>
                    ))}
                  </select>
                  {m.role === "RAPPORTEUR" && <div className="small muted">{themeNames(themes, m.themeIds)}</div>}
                </td>
                <td style={{ textAlign: "right" }}>
                  <ClientButton
                    type="button"
                    className="danger"
                    disabled={pending}
                    onClick={() => {
                      if (window.confirm(`Remove ${m.email} from this event? Their access ends at once.`)) {
                        void run(async () => {
                          await callApi("DELETE", `${api}/members/${m.userId}`);
                          router.refresh();
                        });
                      }
                    }}
                  >
                    Remove
                  </ClientButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Invite someone</h3>
      <Form className="stack" aria-label="Invite someone" onSubmit={inviteOne}>
        <div className="row">
          <label>
            E-mail
            <input name="email" type="email" required />
          </label>
          <label>
            Role
            <select name="role" defaultValue="RAPPORTEUR">
              {ROLES.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
          <ClientButton type="submit" disabled={pending}>
            Create invitation
          </ClientButton>
        </div>
        <ThemePicker themes={themes} name="themeIds" />
        {sessions.length > 0 && (
          <label>
            Reporter of these sessions (optional; Ctrl or ⌘ to pick several)
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

      <h3>Invite many from a CSV</h3>
      <Form className="stack" aria-label="Invite from a CSV" onSubmit={inviteCsv}>
        <div className="row">
          <label>
            CSV file
            <input name="file" type="file" accept=".csv,text/csv,text/plain" />
          </label>
          <label>
            Role
            <select name="role" defaultValue="PARTICIPANT">
              {ROLES.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label>
          …or paste addresses, one per line
          <textarea name="csv" rows={3} />
        </label>
        <ThemePicker themes={themes} name="themeIds" />
        <div>
          <ClientButton type="submit" disabled={pending}>
            Create invitations
          </ClientButton>
        </div>
      </Form>

      <ErrorText error={error} />
      {report && <p className="notice">{report}</p>}
      {links.length > 0 && (
        <div className="stack" style={{ marginTop: "1rem" }}>
          <p className="muted small">Send each person their link; it works once and is not shown again.</p>
          {links.map((l) => (
            <CopyLink key={l.url} label={`Invitation for ${l.email}`} url={l.url} />
          ))}
        </div>
      )}

      {invitations.length > 0 && (
        <>
          <h3>Open invitations</h3>
          <table>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.id}>
                  <td>{i.email}</td>
                  <td>{ROLES.find((r) => r.value === i.role)?.label}</td>
                  <td className="small muted">expires {new Date(i.expiresAt).toLocaleString()}</td>
                  <td style={{ textAlign: "right" }}>
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
                      Revoke
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
