import type { AnyStateMachine } from 'xstate';
import { toDirectedGraph, type DirectedGraphNode } from 'xstate/graph';

type Edge = DirectedGraphNode['edges'][number];

const idOf = (node: DirectedGraphNode): string =>
  node.stateNode.path.join('_') || node.stateNode.key;
const pad = (depth: number) => '    '.repeat(depth);

function guardName(edge: Edge): string | null {
  const guard: unknown = edge.transition.guard;
  if (!guard) return null;
  if (typeof guard === 'string') return guard;
  return typeof guard === 'object' && 'type' in guard ? String(guard.type) : 'guard';
}

/** `EVENT [guard]`, and `[else]` for the fallback after a guarded transition on the same event. */
function labelOf(edge: Edge, siblings: readonly Edge[]): string {
  const event = edge.label.text;
  const guard = guardName(edge);
  if (guard) return `${event} [${guard}]`;
  const guardedBefore = siblings
    .slice(0, siblings.indexOf(edge))
    .some((e) => e.label.text === event && guardName(e));
  return guardedBefore ? `${event} [else]` : event;
}

function declaration(node: DirectedGraphNode, depth: number): string[] {
  const id = idOf(node);
  const key = node.stateNode.key;
  if (node.children.length === 0) return id === key ? [] : [`${pad(depth)}state "${key}" as ${id}`];
  const opening = id === key ? `state ${id} {` : `state "${key}" as ${id} {`;
  return [`${pad(depth)}${opening}`, ...body(node, depth + 1), `${pad(depth)}}`];
}

/** The inside of a compound or parallel state: children, initial arrow, transitions. */
function body(node: DirectedGraphNode, depth: number): string[] {
  if (node.stateNode.type === 'parallel') {
    return node.children.flatMap((region, i) => [
      ...(i > 0 ? [`${pad(depth)}--`] : []),
      ...declaration(region, depth),
    ]);
  }
  const initial = node.stateNode.initial?.target[0];
  const lines = node.children.flatMap((child) => declaration(child, depth));
  if (initial) lines.push(`${pad(depth)}[*] --> ${initial.path.join('_')}`);
  for (const child of node.children) {
    for (const edge of child.edges) {
      lines.push(
        `${pad(depth)}${idOf(child)} --> ${edge.target.path.join('_')} : ${labelOf(edge, child.edges)}`,
      );
    }
    if (child.stateNode.type === 'final') lines.push(`${pad(depth)}${idOf(child)} --> [*]`);
  }
  return lines;
}

/**
 * A Mermaid `stateDiagram-v2` of a machine, built from `xstate/graph`'s directed graph so
 * the picture cannot drift from the definition.
 */
export function machineToMermaid(machine: AnyStateMachine): string {
  const root = toDirectedGraph(machine);
  const inner = root.stateNode.type === 'parallel' ? declaration(root, 1) : body(root, 1);
  return ['stateDiagram-v2', ...inner].join('\n');
}
