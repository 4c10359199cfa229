import { ROLES } from '../actors/roles';
import { ERROR_KINDS, type DomainErrorKind } from '../errors/domain-error';
import { COMMAND_ROLES, freezeRoles } from '../policies/roles.policy';
import { COMMAND_TYPES } from '../validation/command-schemas';
import { statechartDefinitions } from './statecharts';

/** The SPEC status code each error kind maps to. */
export const HTTP_STATUS: Readonly<Record<DomainErrorKind, number>> = {
  validation: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule: 422,
};

function roleTable(): string {
  const header = [
    '| command | ' + ROLES.join(' | ') + ' |',
    '|---|' + ROLES.map(() => ':-:').join('|') + '|',
  ];
  const rows = COMMAND_TYPES.map((type) => {
    const allowed = COMMAND_ROLES[type];
    const cells = ROLES.map((role) => (allowed.includes(role) ? '✔' : ''));
    return `| ${type} | ${cells.join(' | ')} |`;
  });
  const note = `\nFreeze and Unfreeze with reason \`compliance\`: ${freezeRoles('compliance').join(', ')} only.`;
  return [...header, ...rows].join('\n') + '\n' + note;
}

function errorTable(): string {
  const rows = Object.entries(ERROR_KINDS).map(
    ([code, kind]) => `| \`${code}\` | ${kind} | ${HTTP_STATUS[kind]} |`,
  );
  return ['| code | kind | HTTP status |', '|---|---|---|', ...rows].join('\n');
}

/** Every generated block of docs/domain.md, by marker name. */
export function generatedSections(): Record<string, string> {
  const diagrams = Object.fromEntries(
    Object.entries(statechartDefinitions()).map(([name, definition]) => [
      `${name}-diagram`,
      '```mermaid\n' + definition + '\n```',
    ]),
  );
  return { ...diagrams, 'role-table': roleTable(), 'error-table': errorTable() };
}

const marker = (name: string, end: 'start' | 'end') => `<!-- generated:${name}:${end} -->`;

/**
 * `doc` with the text between each `<!-- generated:NAME:start -->` and
 * `<!-- generated:NAME:end -->` pair replaced by the section of that name. A missing
 * marker is an error, so a section cannot silently stop being generated.
 */
export function updateGeneratedSections(doc: string, sections = generatedSections()): string {
  return Object.entries(sections).reduce((text, [name, content]) => {
    const start = text.indexOf(marker(name, 'start'));
    const end = text.indexOf(marker(name, 'end'));
    if (start < 0 || end < start) throw new Error(`docs/domain.md lacks the markers for ${name}`);
    return `${text.slice(0, start + marker(name, 'start').length)}\n${content}\n${text.slice(end)}`;
  }, doc);
}
