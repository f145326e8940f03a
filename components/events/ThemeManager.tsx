"use client";

import { Form, textField } from "@/components/ui/Form";
import { ClientButton } from "@/components/ui/ClientButton";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { callApi, useAction } from "@/components/ui/api";
import { ErrorText } from "@/components/ui/ErrorText";
import type { FrontMatter } from "@/lib/events/front-matter";
import { OFFERED_LANGUAGES } from "@/lib/events/languages";
import { FrontMatterEditor } from "./FrontMatterEditor";
import { useTranslations } from "next-intl";

export interface ThemeRow {
  id: string;
  slug: string;
  title: string;
  documentId: string | null;
  frontMatter: FrontMatter;
  /** The language its messages are written in. */
  language: string;
}

export function ThemeManager({ event, themes }: { event: string; themes: ThemeRow[] }) {
  const t = useTranslations("themes");
  const router = useRouter();
  const { pending, error, run } = useAction();
  const base = `/api/events/${event}/themes`;
  return (
    <section className="card" aria-labelledby="themes-heading">
      <h2 id="themes-heading" style={{ marginTop: 0 }}>
        {t("heading")}
      </h2>
      {themes.length === 0 ? (
        <p className="empty">{t("empty")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("title")}</th>
              <th>{t("address")}</th>
              <th>{t("language")}</th>
              <th>
                <span className="visually-hidden">{t("actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {themes.map((theme) => (
              <tr key={theme.id}>
                <td>
                  {theme.documentId ? <Link href={`/workspace/documents/${theme.documentId}`}>{theme.title}</Link> : theme.title}
                </td>
                <td>
                  <code>{theme.slug}</code>
                </td>
                <td>
                  <select
                    aria-label={t("languageOf", { title: theme.title })}
                    value={theme.language}
                    disabled={pending}
                    onChange={(e) => {
                      const language = e.target.value;
                      void run(async () => {
                        await callApi("PATCH", `${base}/${theme.id}`, { language });
                        router.refresh();
                      });
                    }}
                  >
                    {[
                      ...OFFERED_LANGUAGES,
                      ...(OFFERED_LANGUAGES.some((l) => l.tag === theme.language)
                        ? []
                        : [{ tag: theme.language, name: theme.language }]),
                    ].map((l) => (
                      <option key={l.tag} value={l.tag} lang={l.tag}>
                        {l.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td style={{ textAlign: "end" }}>
                  <ClientButton
                    type="button"
                    className="secondary"
                    disabled={pending}
                    onClick={() => {
                      const title = window.prompt(t("newTitle"), theme.title);
                      if (title && title !== theme.title) {
                        void run(async () => {
                          await callApi("PATCH", `${base}/${theme.id}`, { title });
                          router.refresh();
                        });
                      }
                    }}
                  >
                    {t("rename")}
                  </ClientButton>{" "}
                  <ClientButton
                    type="button"
                    className="danger"
                    disabled={pending}
                    onClick={() => {
                      if (window.confirm(t("confirmArchive", { title: theme.title }))) {
                        void run(async () => {
                          await callApi("DELETE", `${base}/${theme.id}`);
                          router.refresh();
                        });
                      }
                    }}
                  >
                    {t("archive")}
                  </ClientButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {themes.map((theme) => (
        <details key={theme.id} className="front-matter-editor">
          <summary>{t("frontMatterOf", { title: theme.title })}</summary>
          <FrontMatterEditor event={event} themeId={theme.id} title={theme.title} frontMatter={theme.frontMatter} />
        </details>
      ))}
      <Form
        className="row"
        style={{ marginTop: "1rem" }}
        aria-label={t("add")}
        onSubmit={(form) =>
          run(async () => {
            const slug = textField(form, "slug").trim();
            await callApi("POST", base, { title: form.get("title"), ...(slug ? { slug } : {}) });
            router.refresh();
          })
        }
      >
        <label>
          {t("themeTitle")}
          <input name="title" required placeholder={t("titlePlaceholder")} />
        </label>
        <label>
          {t("addressOptional")}
          <input name="slug" placeholder="data-governance" />
        </label>
        <ClientButton type="submit" disabled={pending}>
          {t("submit")}
        </ClientButton>
      </Form>
      <ErrorText error={error} />
    </section>
  );
}
