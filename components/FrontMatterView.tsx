import type { FrozenFrontMatter } from "@/lib/events/front-matter";
import { useTranslations } from "next-intl";

/**
 * A theme's front matter as a version froze it: what the theme is about, the
 * related goals and the associated issues (before the messages).
 */
export function FrontMatterView({
  frontMatter,
  title,
  headingLevel = 2,
}: {
  frontMatter: FrozenFrontMatter;
  title: string;
  headingLevel?: 2 | 3;
}) {
  const t = useTranslations("frontMatter");
  const { about, sdgs, tags } = frontMatter;
  const H = headingLevel === 3 ? "h3" : "h2";
  if (about.length + sdgs.length + tags.length === 0) return null;
  return (
    <section className="front-matter" aria-label={t("about", { title })} data-testid="front-matter">
      {about.length > 0 && (
        <>
          <H>{t("aboutTheme")}</H>
          <ul>
            {about.map((point, i) => (
              <li key={i}>{point}</li>
            ))}
          </ul>
        </>
      )}
      {sdgs.length > 0 && (
        <>
          <H>{t("sdgs")}</H>
          <ul className="sdgs">
            {sdgs.map((goal) => (
              <li key={goal.number}>
                <strong>{t("sdg", { number: goal.number })}</strong> {goal.name}
              </li>
            ))}
          </ul>
        </>
      )}
      {tags.length > 0 && (
        <>
          <H>{t("issues")}</H>
          <ul className="tags">
            {tags.map((tag) => (
              <li key={tag}>{tag}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The theme's policy questions, grouped under their headings (after the messages, as an annex). */
export function PolicyQuestionsView({
  questions,
  headingLevel = 2,
}: {
  questions: FrozenFrontMatter["questions"];
  headingLevel?: 2 | 3;
}) {
  const t = useTranslations("frontMatter");
  if (questions.length === 0) return null;
  const [H, Group] = headingLevel === 3 ? (["h3", "h4"] as const) : (["h2", "h3"] as const);
  return (
    <section className="policy-questions" data-testid="policy-questions">
      <H>{t("questions")}</H>
      {questions.map((group, i) => (
        <div key={i}>
          <Group>{group.heading}</Group>
          <ul>
            {group.questions.map((question, j) => (
              <li key={j}>{question}</li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
