import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { freezeMachine } from '../machines/freeze.machine';
import { lifecycleMachine } from '../machines/lifecycle.machine';
import { refundMachine } from '../machines/refund.machine';
import { generatedSections, updateGeneratedSections } from './domain-doc';
import { machineToMermaid } from './mermaid';

const DOC = join(__dirname, '..', '..', '..', '..', 'docs', 'domain.md');
const SOURCES = join(__dirname, '..');

function specTexts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return specTexts(path);
    return entry.name.endsWith('.spec.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('docs/domain.md', () => {
  const doc = readFileSync(DOC, 'utf8');

  it('docs/domain.md is up to date with the code (run `npm run docs:diagrams` if not)', () => {
    expect(updateGeneratedSections(doc)).toBe(doc);
  });

  it('every test named in the SPEC rule table exists', () => {
    const table = doc.slice(doc.indexOf('## SPEC rule → tests'));
    const names = [...table.matchAll(/`([^`]+)`/g)]
      .map((m) => m[1] as string)
      .filter((n) => n.includes(' '));
    expect(names.length).toBeGreaterThan(80);
    const specs = specTexts(SOURCES).join('\n');
    expect(names.filter((name) => !specs.includes(name))).toEqual([]);
  });

  it('a missing marker is an error, not a silently dropped section', () => {
    expect(() => updateGeneratedSections('no markers here')).toThrow(/markers/);
  });

  it('replaces only the text between the markers', () => {
    const text = 'before\n<!-- generated:x:start -->\nold\n<!-- generated:x:end -->\nafter';
    expect(updateGeneratedSections(text, { x: 'new' })).toBe(
      'before\n<!-- generated:x:start -->\nnew\n<!-- generated:x:end -->\nafter',
    );
  });
});

describe('Mermaid diagrams from xstate/graph', () => {
  it('the refund diagram shows every transition, guards and final states', () => {
    const diagram = machineToMermaid(refundMachine);
    expect(diagram.split('\n')[0]).toBe('stateDiagram-v2');
    expect(diagram).toContain('requested --> approved : APPROVE [completesApproval]');
    expect(diagram).toContain('requested --> partially_approved : APPROVE [else]');
    expect(diagram).toContain('payout_failed --> payout_pending : RETRY_PAYOUT');
    expect(diagram).toContain('expired --> [*]');
    expect(diagram.match(/ --> (?!\[\*\])/g)).toHaveLength(16);
  });

  it('the freeze diagram has one concurrent region per reason', () => {
    const diagram = machineToMermaid(freezeMachine);
    expect(diagram.match(/^\s+--$/gm)).toHaveLength(4);
    expect(diagram).toContain('manual_inactive --> manual_active : APPLY.manual');
  });

  it('the lifecycle diagram ends in closed', () => {
    expect(machineToMermaid(lifecycleMachine)).toContain('closed --> [*]');
  });

  it('generates every section the doc carries', () => {
    expect(Object.keys(generatedSections()).sort()).toEqual(
      ['error-table', 'freeze-diagram', 'lifecycle-diagram', 'refund-diagram', 'role-table'].sort(),
    );
  });
});
