/** Renders the OpenAPI document as a Markdown reference, so docs/api-reference.md never drifts from the server. */
interface Operation {
  tags?: string[];
  summary?: string;
  parameters?: { name: string; in: string; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
}

export function apiReference(document: {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<
      string,
      {
        properties?: Record<
          string,
          { description?: string; type?: unknown; format?: string; $ref?: string; anyOf?: unknown[] }
        >;
        required?: string[];
      }
    >;
  };
}): string {
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? 'Other';
      const params = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => `\`${p.name}\``);
      const statuses = Object.keys(op.responses ?? {}).filter((s) => s !== 'default');
      const line = `| \`${method.toUpperCase()} /api/v1${path}\` | ${op.summary ?? ''} | ${params.join(', ')} | ${statuses.join(', ')} |`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), line]);
    }
  }
  const out = [
    '# Rapport API reference',
    '',
    'Generated from `/api/v1/openapi.json` by `npm run docs:api`; do not edit by hand. Errors are `application/problem+json` for every call.',
    '',
  ];
  for (const [tag, lines] of [...byTag.entries()].sort()) {
    out.push(`## ${tag}`, '', '| call | what it does | query | answers |', '|---|---|---|---|', ...lines, '');
  }
  out.push('## Record fields', '');
  for (const [name, schema] of Object.entries(document.components.schemas)) {
    if (!schema.properties || name.endsWith('Create') || name.endsWith('Update') || name === 'Problem')
      continue;
    out.push(`### ${name}`, '', '| field | type | label |', '|---|---|---|');
    for (const [field, p] of Object.entries(schema.properties)) {
      const shown = (p.anyOf?.[0] ?? p) as { type?: unknown; format?: string; $ref?: string };
      const type = JSON.stringify(shown.$ref?.split('/').pop() ?? shown.format ?? shown.type);
      out.push(`| \`${field}\` | ${type?.replace(/"/g, '') ?? ''} | ${p.description ?? ''} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
