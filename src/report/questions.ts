/** One answer field as the group may see it: the question it answers, its author only when the group shows names. */
export interface OverviewAnswer {
  question: string;
  author?: string;
  text: string;
}

/** A meeting's answers under their questions, in the order the questions are asked (no Node APIs: the tab uses it). */
export function answersByQuestion(
  answers: readonly OverviewAnswer[],
): { question: string; answers: OverviewAnswer[] }[] {
  const groups = new Map<string, OverviewAnswer[]>();
  for (const a of answers) groups.set(a.question, [...(groups.get(a.question) ?? []), a]);
  return [...groups].map(([question, list]) => ({ question, answers: list }));
}
