import { Validator } from '@seriousme/openapi-schema-validator';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';

let app: TestApp;
let document: { components: { schemas: Record<string, unknown> } };

beforeAll(async () => {
  app = await createTestApp();
  const response = await app.call('GET', '/api/v1/openapi.json');
  expect(response.status).toBe(200);
  document = response.json();
});
afterAll(() => app.close());

function refsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => refsIn(item, found));
  else if (value && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') found.add(inner);
      else refsIn(inner, found);
    }
  return found;
}

/** Type-checks one in-memory file with the TypeScript compiler: every diagnostic, as text. */
function typeErrors(code: string): string[] {
  const file = '/client/api.ts';
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    lib: ['lib.es2022.d.ts'],
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile } = host;
  host.getSourceFile = (name, language, ...rest) =>
    name === file ? ts.createSourceFile(name, code, language) : getSourceFile(name, language, ...rest);
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null;
    return `${at ? `line ${at.line + 1}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

// A client's code over the generated types (appended to them): a response, a request body with both
// filter spellings, and what must not compile.
const clientCode = `
type AccountsPage = paths['/accounts']['get']['responses'][200]['content']['application/json'];
export const page: AccountsPage = {
  data: [
    {
      id: '0190f2a4-0000-7000-8000-000000000001',
      version: 1,
      createdAt: '2026-11-29T10:00:00.000Z',
      updatedAt: '2026-11-29T10:00:00.000Z',
      name: 'Initech',
      billingAddress: { city: 'Austin', country: null },
    },
  ],
  nextCursor: null,
};
export const city: string | null | undefined = page.data[0].billingAddress?.city;

type ContactsQuery = paths['/contacts/query']['post']['requestBody']['content']['application/json'];
export const query: ContactsQuery = {
  filter: { or: [{ lastName: { eq: 'Gibbons' } }, { not: { field: 'firstName', op: 'startsWith', value: 'Pe' } }] },
  limit: 50,
};

type SavedView = paths['/views']['post']['responses'][201]['content']['application/json'];
export const served = (view: SavedView): components['schemas']['FilterNode'] | null => view.state.filter;
// @ts-expect-error a filter as served holds {field, op, value} leaves only
export const leaf: components['schemas']['FilterNode'] = { lastName: { eq: 'Gibbons' } };
// @ts-expect-error an address has five parts
export const address: components['schemas']['Address'] = { town: 'Austin' };
`;

describe('GET /api/v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(document);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('refers only to components it defines, recursive filters and addresses among them', () => {
    const refs = [...refsIn(document)];
    const prefix = '#/components/schemas/';
    expect(
      refs.filter(
        (ref) => !ref.startsWith(prefix) || !(ref.slice(prefix.length) in document.components.schemas),
      ),
    ).toEqual([]);
    expect(refs.filter((ref) => /FilterNode|Address/.test(ref)).sort()).toEqual([
      '#/components/schemas/Address',
      '#/components/schemas/FilterNode',
      '#/components/schemas/FilterNodeInput',
    ]);
  });

  it('gives every read an answer with content (JSON, or the media type of the file it streams) or a redirect', () => {
    const paths = (
      document as unknown as {
        paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
      }
    ).paths;
    const empty = Object.entries(paths)
      .filter(([, ops]) => ops.get && !ops.get.responses['200']?.content && !ops.get.responses['303'])
      .map(([path]) => path);
    expect(empty).toEqual([]);
    const pdf = paths['/quotes/{id}/pdf'].get.responses['200'].content;
    expect(Object.keys(pdf ?? {})).toEqual(['application/pdf']);
  });

  it('describes an upload as multipart/form-data with its file part', () => {
    const upload = (
      document as unknown as {
        paths: Record<
          string,
          {
            post: {
              requestBody: {
                content: Record<
                  string,
                  { schema: { properties: Record<string, { format?: string }>; required: string[] } }
                >;
              };
            };
          }
        >;
      }
    ).paths['/imports'].post.requestBody.content['multipart/form-data'].schema;
    expect(upload.properties.file.format).toBe('binary');
    expect(upload.required).toEqual(['file', 'object']);
  });

  it('generates a TypeScript client with openapi-typescript that type-checks', async () => {
    const api = astToString(await openapiTS(document as never, { silent: true }));
    expect(typeErrors(`${api}\n${clientCode}`)).toEqual([]);
  });
});

describe('the document a signed-in caller gets', () => {
  it("describes their workspace's custom objects and leaves out fields hidden from their role", async () => {
    const admin = (await app.signup()).cookie;
    const rep = await app.addUser(admin, 'rep');
    await app.call('POST', '/api/v1/metadata/objects', {
      as: admin,
      body: { name: 'projects', label: 'Project', labelPlural: 'Projects', fields: [] },
    });
    await app.call('PATCH', '/api/v1/metadata/objects/accounts/fields/annualRevenue', {
      as: admin,
      body: { access: { rep: 'hidden' } },
    });
    const forAdmin = await app.call('GET', '/api/v1/openapi.json', { as: admin });
    const forRep = await app.call('GET', '/api/v1/openapi.json', { as: rep.cookie });
    const anonymous = await app.call('GET', '/api/v1/openapi.json');
    expect(Object.keys(forAdmin.json<{ paths: object }>().paths)).toContain('/projects');
    expect(Object.keys(anonymous.json<{ paths: object }>().paths)).not.toContain('/projects');
    expect(forAdmin.body.includes('"annualRevenue"')).toBe(true);
    expect(forRep.body.includes('"annualRevenue"')).toBe(false);
    expect((await new Validator().validate(forRep.json())).valid).toBe(true);
    const badKey = await app.call('GET', '/api/v1/openapi.json', {
      headers: { authorization: 'Bearer rk_nope' },
    });
    expect(badKey.status).toBe(401);
  });
});
