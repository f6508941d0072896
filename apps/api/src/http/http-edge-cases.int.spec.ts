import type request from 'supertest';
import { gzipSync } from 'node:zlib';
import { as, createTestApp, type TestApp } from '../test-support/test-app';
import { nestsDeeperThan } from '@itil/lifecycles';
import { MAX_JSON_DEPTH } from './json-depth';
import { textProblem } from './text.validators';

const incident = { title: 'VPN down', caller: 'caller:bob', impact: 'high', urgency: 'medium' };

/** Bad input answers 4xx problem+json with a stable code, and writes nothing. */
describe('HTTP edge cases that used to answer 500', () => {
  let t: TestApp;
  const http = () => as(t.app, 'tester');
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  const json = (path: string) => http().post(path).set('Content-Type', 'application/json');
  async function refused(response: request.Response, status: number, code: string, head: bigint | undefined) {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status, code });
    expect(await t.store.headPosition()).toBe(head);
  }

  it('refuses a gzip body that is not gzip with 400 HTTP.MALFORMED_ENCODING', async () => {
    const head = await t.store.headPosition();
    await refused(await json('/incidents').set('Content-Encoding', 'gzip').send(JSON.stringify(incident)), 400, 'HTTP.MALFORMED_ENCODING', head);
    // A truncated gzip stream fails in zlib too.
    const cut = gzipSync(JSON.stringify(incident)).subarray(0, 12);
    await refused(await json('/incidents').set('Content-Encoding', 'gzip').serialize((bytes: Buffer) => bytes as never).send(cut), 400, 'HTTP.MALFORMED_ENCODING', head);
  });

  it('takes a real gzip body, and refuses an unsupported encoding with 415', async () => {
    const head = await t.store.headPosition();
    await refused(await json('/incidents').set('Content-Encoding', 'compress').send(JSON.stringify(incident)), 415, 'HTTP.UNSUPPORTED_ENCODING', head);
    // Bytes as they are: superagent would JSON-encode a Buffer sent as application/json.
    await json('/incidents').set('Content-Encoding', 'gzip').serialize((bytes: Buffer) => bytes as never).send(gzipSync(JSON.stringify(incident))).expect(201);
  });

  it(`refuses JSON nested 2,000 deep (4 KB) with 400 HTTP.JSON_TOO_DEEP, everywhere a body is parsed`, async () => {
    const head = await t.store.headPosition();
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const body = `{"title":${deep(2000)},"caller":"caller:bob","impact":"high","urgency":"medium"}`;
    expect(body.length).toBeLessThan(4200);
    const res = await json('/incidents').send(body);
    await refused(res, 400, 'HTTP.JSON_TOO_DEEP', head);
    expect(res.body.maxDepth).toBe(MAX_JSON_DEPTH);
    await refused(await json('/lifecycles/incident/drafts/validate').send(`{"definition":${deep(2000)}}`), 400, 'HTTP.JSON_TOO_DEEP', head);
    // A definition sent as JSON text is a string to the body parser: the lifecycle admin scans it.
    const deepText = `{"id":"incident","initial":"new","states":{"new":{"meta":${deep(5000)}}}}`;
    const checked = await json('/lifecycles/incident/drafts/validate').send({ definition: deepText }).expect(200);
    expect(checked.body).toMatchObject({ valid: false, findings: [{ path: '$', code: 'MALFORMED_JSON', message: expect.stringMatching(/nests deeper than 64/) }] });
    await refused(await json('/lifecycles/incident/drafts').send({ definition: deepText }), 400, 'LIFECYCLE.INVALID_DEFINITION', head);
    await refused(await json('/lifecycles/incident/what-if').send({ definition: deepText }), 400, 'LIFECYCLE.INVALID_DEFINITION', head);
    await refused(await json('/lifecycles/incident/publish').send({ definition: deepText, expectedVersion: 1 }), 400, 'LIFECYCLE.INVALID_DEFINITION', head);
    // Inside a string, brackets are text: a title made of them is a title.
    await json('/incidents').send({ ...incident, title: '['.repeat(150) }).expect(201);
  });

  it('answers 404 for validating a draft of an unknown process, and 400 when the definition is missing', async () => {
    const unknown = await json('/lifecycles/no-such-process/drafts/validate').send({ definition: {} });
    expect([unknown.status, unknown.body.detail]).toEqual([404, expect.anything()]);
    expect(unknown.body.code).toBe('LIFECYCLE.UNKNOWN_PROCESS');
    const empty = await json('/lifecycles/no-such-process/drafts/validate').send({});
    expect(empty.status).toBe(404);
    const missing = await json('/lifecycles/incident/drafts/validate').send({});
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'HTTP.INVALID_REQUEST', detail: expect.stringMatching(/definition is required/) });
    // A definition that is there but wrong is still validated, 200 with findings.
    expect((await json('/lifecycles/incident/drafts/validate').send({ definition: {} }).expect(200)).body.valid).toBe(false);
  });

  it.each([
    ['a whitespace-only title', { ...incident, title: ' \t \n ' }, /title must/],
    ['a title of invisible characters only', { ...incident, title: '\u200B\u00A0\u3000' }, /title must contain a non-space character/],
    ['a control character in the title', { ...incident, title: 'VPN\u0007 down' }, /title must be one line/],
    ['a line break in the title', { ...incident, title: 'VPN\ndown' }, /title must be one line/],
    ['a control character in the description', { ...incident, description: 'line one\u001b[31m red' }, /description must not contain control characters/],
    ['a whitespace-only caller', { ...incident, caller: '   ' }, /caller must contain a non-space character/],
  ])('refuses %s with 400, writing nothing', async (_name, body, message) => {
    const head = await t.store.headPosition();
    const res = await json('/incidents').send(body);
    // The incident API runs on the ticket engine, whose field checks answer TICKET.INVALID_INPUT.
    await refused(res, 400, 'TICKET.INVALID_INPUT', head);
    expect(res.body.detail).toMatch(message);
  });

  it('keeps newlines and tabs in multi-line text, and refuses blank comments and assignees', async () => {
    const id = (await json('/incidents').send({ ...incident, description: 'Steps:\n\t1. connect\r\n\t2. fail' }).expect(201)).body.id as string;
    const head = await t.store.headPosition();
    await refused(await json(`/incidents/${id}/comments`).send({ text: '  \n ' }), 400, 'TICKET.INVALID_INPUT', head);
    await refused(await json(`/incidents/${id}/assign`).send({ assignmentGroup: 'network', assignee: ' ' }), 400, 'TICKET.INVALID_INPUT', head);
    await json(`/incidents/${id}/comments`).send({ text: 'Called back:\n\tno answer' }).expect(200);
  });
});

describe('The text rules and the depth scan', () => {
  it('say why a text is refused', () => {
    expect(textProblem('ok', true)).toBeNull();
    expect(textProblem('', false)).toBeNull();
    expect(textProblem('', true)).toBe('must contain a non-space character');
    expect(textProblem('a\rb', false)).toBe('must not contain control characters other than newline and tab');
    expect(textProblem('a\r\nb', false)).toBeNull();
    expect(textProblem('a\tb', true, { singleLine: true })).toBe('must be one line without control characters');
    expect(textProblem(3, true)).toBe('must be a string');
  });

  it('counts nesting outside strings only, escaped quotes included', () => {
    expect(nestsDeeperThan('[[[]]]', 3)).toBe(false);
    expect(nestsDeeperThan('[[[[]]]]', 3)).toBe(true);
    expect(nestsDeeperThan('{"a":"[[[[\\"[[[["}', 1)).toBe(false);
  });
});
