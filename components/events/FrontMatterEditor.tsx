"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Form, textField } from "@/components/ui/Form";
import { ClientButton } from "@/components/ui/ClientButton";
import { ErrorText } from "@/components/ui/ErrorText";
import { callApi, useAction } from "@/components/ui/api";
import type { FrontMatter } from "@/lib/events/front-matter";
import { linesOf, questionsFromText, questionsToText } from "@/lib/events/front-matter-text";
import { SDGS } from "@/lib/events/sdgs";
import type { Messages } from "@/lib/i18n/catalogues";
import { useTranslations } from "next-intl";

/**
 * The secretariat's editor for one theme's front matter. Saved whole; the
 * next version published freezes it.
 */
export function FrontMatterEditor({
  event,
  themeId,
  title,
  frontMatter,
}: {
  event: string;
  themeId: string;
  title: string;
  frontMatter: FrontMatter;
}) {
  const t = useTranslations("frontMatterEditor");
  const goals = useTranslations("sdgNames");
  const router = useRouter();
  const { pending, error, run } = useAction();
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const id = (name: string) => `fm-${themeId}-${name}`;
  return (
    <Form
      aria-label={t("label", { title })}
      onSubmit={(form) => {
        setSaved(false);
        const questions = questionsFromText(textField(form, "questions"));
        if ("error" in questions) {
          setProblem(t("questionsProblem", { problem: questions.error }));
          return;
        }
        setProblem(null);
        return run(async () => {
          await callApi("PUT", `/api/events/${event}/themes/${themeId}/front-matter`, {
            about: linesOf(textField(form, "about")),
            sdgs: form.getAll("sdgs").map(Number),
            tags: linesOf(textField(form, "tags")),
            questions: questions.groups,
          });
          setSaved(true);
          router.refresh();
        });
      }}
    >
      <p className="small muted">{t("help")}</p>
      <label htmlFor={id("about")}>{t("about")}</label>
      <textarea id={id("about")} name="about" rows={5} defaultValue={frontMatter.about.join("\n")} />
      <fieldset className="sdg-choices">
        <legend>{t("sdgs")}</legend>
        {SDGS.map((name, i) => (
          <label key={name} className="checkbox">
            <input type="checkbox" name="sdgs" value={i + 1} defaultChecked={frontMatter.sdgs.includes(i + 1)} />
            {i + 1}. {goals(String(i + 1) as keyof Messages["sdgNames"])}
          </label>
        ))}
      </fieldset>
      <label htmlFor={id("tags")}>{t("tags")}</label>
      <textarea id={id("tags")} name="tags" rows={4} defaultValue={frontMatter.tags.join("\n")} />
      <label htmlFor={id("questions")}>{t("questions")}</label>
      <textarea
        id={id("questions")}
        name="questions"
        rows={8}
        placeholder={t("questionsPlaceholder")}
        defaultValue={questionsToText(frontMatter.questions)}
      />
      <div className="row">
        <ClientButton type="submit" disabled={pending}>
          {pending ? t("saving") : t("save")}
        </ClientButton>
        <span role="status" className="small">
          {saved && !pending ? t("saved") : ""}
        </span>
      </div>
      <ErrorText error={problem ?? error} />
    </Form>
  );
}
