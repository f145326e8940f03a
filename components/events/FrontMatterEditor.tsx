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
  const router = useRouter();
  const { pending, error, run } = useAction();
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const id = (name: string) => `fm-${themeId}-${name}`;
  return (
    <Form
      aria-label={`Front matter of ${title}`}
      onSubmit={(form) => {
        setSaved(false);
        const questions = questionsFromText(textField(form, "questions"));
        if ("error" in questions) {
          setProblem(`Policy questions: ${questions.error}`);
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
      <p className="small muted">
        Frozen into every version published from now on, and shown before the messages (the policy questions after them).
      </p>
      <label htmlFor={id("about")}>About the theme (one point per line)</label>
      <textarea id={id("about")} name="about" rows={5} defaultValue={frontMatter.about.join("\n")} />
      <fieldset className="sdg-choices">
        <legend>Related Sustainable Development Goals</legend>
        {SDGS.map((name, i) => (
          <label key={name} className="checkbox">
            <input type="checkbox" name="sdgs" value={i + 1} defaultChecked={frontMatter.sdgs.includes(i + 1)} />
            {i + 1}. {name}
          </label>
        ))}
      </fieldset>
      <label htmlFor={id("tags")}>Associated issues (one tag per line)</label>
      <textarea id={id("tags")} name="tags" rows={4} defaultValue={frontMatter.tags.join("\n")} />
      <label htmlFor={id("questions")}>Policy questions (a heading line starting with #, then its questions, one per line)</label>
      <textarea
        id={id("questions")}
        name="questions"
        rows={8}
        placeholder={"# Trust and accountability\nHow can …?\nWhat role …?"}
        defaultValue={questionsToText(frontMatter.questions)}
      />
      <div className="row">
        <ClientButton type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save front matter"}
        </ClientButton>
        <span role="status" className="small">
          {saved && !pending ? "Saved." : ""}
        </span>
      </div>
      <ErrorText error={problem ?? error} />
    </Form>
  );
}
