import { RiskAnswersInvalidError } from '../change.errors';
import { assessRisk, validateQuestionnaire, type RiskQuestionnaire } from './risk-questionnaire';

const questionnaire: RiskQuestionnaire = {
  id: 'default',
  version: 3,
  questions: [
    { id: 'users', text: 'How many users are affected?', options: [{ value: 'few', score: 0 }, { value: 'site', score: 2 }, { value: 'all', score: 4 }] },
    { id: 'tested', text: 'Was it tested in staging?', options: [{ value: 'yes', score: 0 }, { value: 'no', score: 3 }] },
    { id: 'backout', text: 'Can it be backed out in under an hour?', options: [{ value: 'yes', score: 0 }, { value: 'no', score: 2 }] },
  ],
  levels: [
    { level: 'low', minScore: 0 },
    { level: 'medium', minScore: 3 },
    { level: 'high', minScore: 6 },
  ],
};

describe('Risk assessment from a questionnaire', () => {
  it('a valid questionnaire has no findings', () => expect(validateQuestionnaire(questionnaire)).toEqual([]));

  it('sums the scores of the answers and takes the highest level the sum reaches', () => {
    expect(assessRisk(questionnaire, { users: 'few', tested: 'yes', backout: 'yes' })).toEqual({
      questionnaire: { id: 'default', version: 3 },
      answers: { users: 'few', tested: 'yes', backout: 'yes' },
      score: 0,
      level: 'low',
    });
    expect(assessRisk(questionnaire, { users: 'site', tested: 'no', backout: 'yes' }).level).toBe('medium'); // 5
    expect(assessRisk(questionnaire, { users: 'site', tested: 'yes', backout: 'no' })).toMatchObject({ score: 4, level: 'medium' });
    expect(assessRisk(questionnaire, { users: 'all', tested: 'yes', backout: 'no' })).toMatchObject({ score: 6, level: 'high' }); // on the boundary
  });

  it('refuses answers missing from the questionnaire, naming each by its path', () => {
    try {
      assessRisk(questionnaire, { users: 'few' });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(RiskAnswersInvalidError);
      expect((error as RiskAnswersInvalidError).findings.map((f) => [f.path, f.code])).toEqual([
        ['$.answers.tested', 'MISSING_ANSWER'],
        ['$.answers.backout', 'MISSING_ANSWER'],
      ]);
    }
  });

  it('refuses an option the question does not offer and a question it does not ask', () => {
    expect(() => assessRisk(questionnaire, { users: 'many', tested: 'yes', backout: 'yes' })).toThrow(/\$\.answers\.users must be one of few, site, all/);
    expect(() => assessRisk(questionnaire, { users: 'few', tested: 'yes', backout: 'yes', mood: 'good' })).toThrow(/\$\.answers\.mood/);
  });

  it('finds the faults of a questionnaire by JSON path', () => {
    const bad: RiskQuestionnaire = {
      id: 'x',
      version: 1,
      questions: [
        { id: 'a', text: ' ', options: [{ value: 'y', score: -1 }, { value: 'y', score: 1 }] },
        { id: 'a', text: 'again', options: [{ value: 'only', score: 0 }] },
      ],
      levels: [
        { level: 'medium', minScore: 2 },
        { level: 'high', minScore: 2 },
      ],
    };
    expect(validateQuestionnaire(bad).map((f) => `${f.path} ${f.code}`)).toEqual([
      '$.questions[0].text REQUIRED',
      '$.questions[0].options[0].score BAD_SCORE',
      '$.questions[0].options[1].value DUPLICATE',
      '$.questions[1].options TOO_FEW_OPTIONS',
      '$.questions[1].id DUPLICATE',
      '$.levels[1].minScore NOT_ASCENDING',
      '$.levels[0].minScore GAP',
    ]);
  });
});
