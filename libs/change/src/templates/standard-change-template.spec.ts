import { fieldsFromTemplate, templateActor, validateTemplate, type StandardChangeTemplate } from './standard-change-template';

const template: StandardChangeTemplate = {
  id: 'patch-linux',
  version: 3,
  title: 'Monthly OS patching of a Linux server',
  service: 'hosting',
  configurationItems: [],
  implementationPlan: 'Drain, patch, reboot, undrain',
  backoutPlan: 'Boot the previous kernel',
  maxDurationMinutes: 120,
};

describe('Standard change templates', () => {
  it('a complete template has no findings', () => expect(validateTemplate(template)).toEqual([]));

  it('a template without a backout plan, or with no duration, is refused by path', () =>
    expect(validateTemplate({ ...template, backoutPlan: ' ', maxDurationMinutes: 0 }).map((f) => f.path)).toEqual(['$.backoutPlan', '$.maxDurationMinutes']));

  it('a change raised from it is pre-authorised by the template version, as an actor', () => {
    expect(templateActor(template)).toBe('template:patch-linux@3');
    expect(fieldsFromTemplate(template)).toMatchObject({ riskLevel: 'low', template: { id: 'patch-linux', version: 3 }, backoutPlan: 'Boot the previous kernel' });
  });
});
