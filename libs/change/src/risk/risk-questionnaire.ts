import { RiskAnswersInvalidError } from '../change.errors';
import { finding, isBlank, repeats, type DataFinding } from '../data-finding';

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * Risk assessment as versioned data: each answer carries a score, the sum decides the level
 * (the highest level whose `minScore` the sum reaches), and the level decides the approval rule.
 */
export interface RiskQuestionnaire {
  id: string;
  version: number;
  questions: { id: string; text: string; options: { value: string; label?: string; score: number }[] }[];
  /** Ascending by minScore; the first starts at 0 so every score has a level. */
  levels: { level: RiskLevel; minScore: number }[];
}

export interface RiskAssessment {
  questionnaire: { id: string; version: number };
  answers: Record<string, string>;
  score: number;
  level: RiskLevel;
}

export function validateQuestionnaire(q: RiskQuestionnaire): DataFinding[] {
  const out: DataFinding[] = [];
  if (isBlank(q.id)) out.push(finding('$.id', 'REQUIRED', 'must be a non-empty id'));
  if (!Array.isArray(q.questions) || q.questions.length === 0) out.push(finding('$.questions', 'REQUIRED', 'needs at least one question'));
  (q.questions ?? []).forEach((question, i) => {
    const at = `$.questions[${i}]`;
    if (isBlank(question.id)) out.push(finding(`${at}.id`, 'REQUIRED', 'must be a non-empty id'));
    if (isBlank(question.text)) out.push(finding(`${at}.text`, 'REQUIRED', 'must say what is asked'));
    if (!Array.isArray(question.options) || question.options.length < 2) out.push(finding(`${at}.options`, 'TOO_FEW_OPTIONS', 'needs at least two options'));
    (question.options ?? []).forEach((option, j) => {
      if (isBlank(option.value)) out.push(finding(`${at}.options[${j}].value`, 'REQUIRED', 'must be a non-empty value'));
      if (!Number.isFinite(option.score) || option.score < 0) out.push(finding(`${at}.options[${j}].score`, 'BAD_SCORE', 'must be a number >= 0'));
    });
    for (const r of repeats(question.options ?? [], (o) => o.value)) out.push(finding(`${at}.options[${r.index}].value`, 'DUPLICATE', `'${r.key}' is offered twice`));
  });
  for (const r of repeats(q.questions ?? [], (x) => x.id)) out.push(finding(`$.questions[${r.index}].id`, 'DUPLICATE', `question '${r.key}' is defined twice`));
  const levels = q.levels ?? [];
  if (levels.length === 0) out.push(finding('$.levels', 'REQUIRED', 'needs at least one level'));
  levels.forEach((l, i) => {
    if (!RISK_LEVELS.includes(l.level)) out.push(finding(`$.levels[${i}].level`, 'UNKNOWN_LEVEL', `must be one of ${RISK_LEVELS.join(', ')}`));
    if (!Number.isFinite(l.minScore)) out.push(finding(`$.levels[${i}].minScore`, 'BAD_SCORE', 'must be a number'));
    if (i > 0 && !(l.minScore > levels[i - 1].minScore)) out.push(finding(`$.levels[${i}].minScore`, 'NOT_ASCENDING', 'must be greater than the previous level'));
  });
  if (levels.length > 0 && levels[0].minScore !== 0) out.push(finding('$.levels[0].minScore', 'GAP', 'the first level must start at 0 so every score has a level'));
  for (const r of repeats(levels, (l) => l.level)) out.push(finding(`$.levels[${r.index}].level`, 'DUPLICATE', `level '${r.key}' is given twice`));
  return out;
}

/** Scores the answers; every question must be answered with one of its options, and nothing else. */
export function assessRisk(q: RiskQuestionnaire, answers: Record<string, string>): RiskAssessment {
  const out: DataFinding[] = [];
  let score = 0;
  for (const question of q.questions) {
    const value = answers[question.id];
    if (value === undefined) {
      out.push(finding(`$.answers.${question.id}`, 'MISSING_ANSWER', `'${question.text}' is not answered`));
      continue;
    }
    const option = question.options.find((o) => o.value === value);
    if (!option) out.push(finding(`$.answers.${question.id}`, 'UNKNOWN_OPTION', `must be one of ${question.options.map((o) => o.value).join(', ')}`));
    else score += option.score;
  }
  for (const key of Object.keys(answers)) {
    if (!q.questions.some((question) => question.id === key)) out.push(finding(`$.answers.${key}`, 'UNKNOWN_QUESTION', `questionnaire ${q.id} v${q.version} has no such question`));
  }
  if (out.length > 0) throw new RiskAnswersInvalidError(out);
  const level = [...q.levels].reverse().find((l) => score >= l.minScore)!.level;
  return { questionnaire: { id: q.id, version: q.version }, answers: { ...answers }, score, level };
}
