import type { LifecycleDefinition } from '../definition/lifecycle-json';
import { destinationOf, transitionsOf } from '../definition/transitions';

/** Mermaid ids: letters, digits and underscores. */
export const mermaidId = (state: string): string => `s_${state.replace(/[^A-Za-z0-9_]/g, '_')}`;

/** Mermaid labels may not contain `:` or `;`. */
const label = (text: string): string => text.replace(/[:;]/g, ',').replace(/\s+/g, ' ').trim();

const STYLE: Record<string, string> = {
  new: 'fill:#e3f2fd,stroke:#1565c0',
  active: 'fill:#e8f5e9,stroke:#2e7d32',
  pending: 'fill:#fff8e1,stroke:#f9a825,stroke-dasharray:5 3',
  resolved: 'fill:#f3e5f5,stroke:#6a1b9a',
  closed: 'fill:#eceff1,stroke:#455a64',
  cancelled: 'fill:#fbe9e7,stroke:#bf360c',
};

/**
 * The lifecycle as Mermaid `stateDiagram-v2` text: every state with its category and SLA clock,
 * every transition labelled with its event and guard, coloured by category.
 */
export function toMermaid(definition: LifecycleDefinition, title?: string): string {
  const lines: string[] = [];
  if (title) lines.push('---', `title: ${label(title)}`, '---');
  lines.push('stateDiagram-v2');
  for (const [category, style] of Object.entries(STYLE)) lines.push(`  classDef cat_${category} ${style}`);
  for (const [name, state] of Object.entries(definition.states)) {
    lines.push(`  state "${name.replace(/"/g, "'")}" as ${mermaidId(name)}`);
    const required = state.meta?.requiredFields?.length ? `, requires ${state.meta.requiredFields.join(', ')}` : '';
    lines.push(`  ${mermaidId(name)} : ${label(`${state.meta?.category ?? '?'}, SLA ${state.meta?.sla ?? '?'}${required}`)}`);
  }
  lines.push(`  [*] --> ${mermaidId(definition.initial)}`);
  for (const t of transitionsOf(definition)) {
    if (!definition.states[destinationOf(t)]) continue;
    lines.push(`  ${mermaidId(t.source)} --> ${mermaidId(destinationOf(t))} : ${label(t.guard ? `${t.event} (if ${t.guard})` : t.event)}`);
  }
  for (const [name, state] of Object.entries(definition.states)) if (state.type === 'final') lines.push(`  ${mermaidId(name)} --> [*]`);
  for (const [name, state] of Object.entries(definition.states)) if (state.meta?.category && STYLE[state.meta.category]) lines.push(`  class ${mermaidId(name)} cat_${state.meta.category}`);
  return `${lines.join('\n')}\n`;
}
