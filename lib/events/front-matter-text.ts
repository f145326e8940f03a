/**
 * The plain-text forms the front matter editor uses: one item per line, and
 * policy questions as heading lines ("# Trust and accountability") each
 * followed by its questions, one per line.
 */
export const linesOf = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

export type QuestionGroups = { heading: string; questions: string[] }[];

export function questionsFromText(text: string): { groups: QuestionGroups } | { error: string } {
  const groups: QuestionGroups = [];
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    if (trimmed.startsWith("#")) {
      const heading = trimmed.replace(/^#+\s*/, "");
      if (!heading) return { error: `Line ${index + 1}: a heading line needs a heading after "#".` };
      groups.push({ heading, questions: [] });
    } else if (groups.length === 0) {
      return { error: `Line ${index + 1}: start with a heading line, such as "# Trust and accountability".` };
    } else {
      groups.at(-1)!.questions.push(trimmed.replace(/^[-•▪]\s*/, ""));
    }
  }
  const empty = groups.find((g) => g.questions.length === 0);
  if (empty) return { error: `The heading "${empty.heading}" has no questions under it.` };
  return { groups };
}

export const questionsToText = (groups: QuestionGroups): string =>
  groups.map((g) => [`# ${g.heading}`, ...g.questions].join("\n")).join("\n\n");
