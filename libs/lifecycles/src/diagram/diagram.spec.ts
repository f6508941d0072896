import { createMachine } from 'xstate';
import { transitionsOf } from '../definition/transitions';
import { PROCESSES, seed } from '../test-support/definitions';
import { mermaidId, toMermaid } from './mermaid';
import { escapeXml, toSvg } from './svg';

/** Enough of an XML check without a parser: one root, tags balanced and properly nested. */
function expectWellFormed(svg: string): void {
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  const stack: string[] = [];
  for (const [, closing, name, selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (closing) expect(stack.pop()).toBe(name);
    else stack.push(name);
  }
  expect(stack).toEqual([]);
  expect(svg).not.toMatch(/NaN|undefined|Infinity/);
}

describe('Diagrams of every lifecycle', () => {
  it.each(PROCESSES)('%s renders as Mermaid stateDiagram-v2 with every state and transition', (process) => {
    const definition = seed(process);
    expect(createMachine(definition as never).id).toBe(process);
    const text = toMermaid(definition, `${process} v1`);
    expect(text).toContain('stateDiagram-v2');
    expect(text).toContain(`[*] --> ${mermaidId(definition.initial)}`);
    for (const state of Object.keys(definition.states)) expect(text).toContain(`state "${state}" as ${mermaidId(state)}`);
    for (const t of transitionsOf(definition)) expect(text).toContain(`${mermaidId(t.source)} --> ${mermaidId(t.target ?? t.source)} : ${t.event}`);
    // Mermaid labels end at ':' or ';'.
    for (const line of text.split('\n').filter((l) => l.includes(' : '))) expect(line.split(' : ')[1]).not.toMatch(/[:;]/);
  });

  it.each(PROCESSES)('%s renders as a well-formed SVG with every state', (process) => {
    const definition = seed(process);
    const svg = toSvg(definition, `${process} v1`);
    expectWellFormed(svg);
    for (const state of Object.keys(definition.states)) expect(svg).toContain(`>${state}</text>`);
    expect(svg).toContain(`<title>${process} v1</title>`);
  });

  it('escapes what XML needs escaped', () => {
    expect(escapeXml(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
    const d = seed('incident');
    d.states.new.description = 'Logged <by> the "desk" & co';
    expectWellFormed(toSvg(d, 'incident <draft>'));
  });

  it('draws unreachable states too, below the others', () => {
    const d = seed('incident');
    d.states.orphan = { meta: { category: 'active', sla: 'running' }, on: { CANCEL: 'cancelled' } };
    const svg = toSvg(d);
    expectWellFormed(svg);
    expect(svg).toContain('>orphan</text>');
  });
});
