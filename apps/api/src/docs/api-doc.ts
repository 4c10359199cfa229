import { ERROR_KINDS } from '@account-ops/accounts';
import { API_PROBLEMS } from '../http/problem-codes';
import { STATUS_BY_KIND } from '../http/problem-mapping';
import { isWrite, ROUTE_NAMES, ROUTES } from '../routes/route-table';

const cell = (text: string) => text.replace(/\|/g, '\\|');

function routeTable(): string {
  const rows = ROUTE_NAMES.map((name) => {
    const r = ROUTES[name];
    const roles = r.roles === 'public' ? 'public' : r.roles.join(', ');
    const headers = [isWrite(r) ? 'Idempotency-Key' : '', r.stepUp ? 'X-Step-Up-Code' : '']
      .filter(Boolean)
      .join(', ');
    return `| ${r.method} | \`${r.path}\` | ${r.status} | ${roles} | ${r.command ? `\`${r.command}\`` : '—'} | ${headers || '—'} | ${cell(r.summary)} |`;
  });
  return [
    '| method | path | success | roles (any of) | command | headers | does |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function errorTable(): string {
  const api = API_PROBLEMS.map((p) => `| ${p.status} | \`${p.code}\` | API | ${cell(p.when)} |`);
  const domain = (Object.entries(ERROR_KINDS) as [string, keyof typeof STATUS_BY_KIND][])
    .filter(([code]) => !API_PROBLEMS.some((p) => p.code === code))
    .map(
      ([code, kind]) =>
        `| ${STATUS_BY_KIND[kind]} | \`${code}\` | domain (${kind}) | see docs/domain.md |`,
    );
  const rows = [...api, ...domain].sort((a, b) => a.localeCompare(b));
  return ['| status | code | from | when |', '|---|---|---|---|', ...rows].join('\n');
}

/** The generated sections of docs/api.md, by marker name. */
export function apiDocSections(): Record<string, string> {
  return { routes: routeTable(), errors: errorTable() };
}

/** Replaces the text between `<!-- generated:NAME:start -->` and `…:end -->` markers. */
export function updateApiDoc(doc: string, sections = apiDocSections()): string {
  let text = doc;
  for (const [name, content] of Object.entries(sections)) {
    const start = `<!-- generated:${name}:start -->`;
    const end = `<!-- generated:${name}:end -->`;
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from < 0 || to < from) throw new Error(`docs/api.md lacks the ${name} markers`);
    text = `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
  }
  return text;
}
