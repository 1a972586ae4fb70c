import {
  IconBox,
  IconBuilding,
  IconCalendar,
  IconLayoutKanban,
  IconSettings,
  IconUsers,
} from '@tabler/icons-react';
import { describe, expect, it } from 'vitest';
import type { FieldMeta, ObjectMeta } from '../common/metadata';
import type { SessionView } from '../modules/auth/contract';
import { webModules } from './composition';
import type { FieldDisplayProps, RecordViewProps, WebModule } from './modules';
import { composeWebModules } from './registry';

const objectNamed = (name: string): ObjectMeta => ({
  name,
  label: name,
  labelPlural: name,
  custom: false,
  titleField: 'name',
  hasOwner: false,
  visibility: 'workspace',
  fields: [],
});

const field = (name: string, type: FieldMeta['type']): FieldMeta => ({
  name,
  label: name,
  type,
  required: false,
  readOnly: false,
  timeline: true,
  custom: false,
  sortable: true,
  filterable: true,
  searchable: false,
  placement: 'list',
  group: '',
  operators: [],
});

const sessionOf = (role: SessionView['user']['role']): SessionView => ({
  user: {
    id: 'u1',
    email: 'ann@example.com',
    name: 'Ann',
    role,
    teamId: null,
    disabled: false,
    totpEnabled: false,
    passkeys: 0,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  workspace: { id: 'w1', name: 'Acme', defaultCountry: 'US', baseCurrency: 'USD', requireTwoFactor: false },
});

const Panel = (_: RecordViewProps) => null;
const OtherPanel = (_: RecordViewProps) => null;
const Display = (_: FieldDisplayProps) => null;
const OtherDisplay = (_: FieldDisplayProps) => null;
const Input = () => null;
const Board = () => null;
const DealBoard = () => null;

describe('composeWebModules', () => {
  it('puts objects with an order first, by order, and the rest in the order given', () => {
    const registry = composeWebModules([
      { name: 'contacts', objects: { contacts: { icon: IconUsers, order: 20 } } },
      { name: 'accounts', objects: { accounts: { icon: IconBuilding, order: 10 } } },
      { name: 'catalog', objects: { products: { icon: IconBox } } },
    ]);
    const names = ['projects', 'contacts', 'products', 'accounts', 'leads'];
    expect(registry.objectsInOrder(names.map(objectNamed)).map((o) => o.name)).toEqual([
      'accounts',
      'contacts',
      'projects',
      'products',
      'leads',
    ]);
    expect(registry.objectLook('products')?.icon).toBe(IconBox);
    expect(registry.objectLook('projects')).toBeUndefined();
  });

  it('shows a navigation entry only to the sessions it is visible to, in order', () => {
    const registry = composeWebModules([
      {
        name: 'admin',
        navigation: [
          {
            to: '/admin',
            label: 'Admin',
            icon: IconSettings,
            order: 100,
            section: 'workspace',
            visible: (session) => session.user.role === 'admin',
          },
        ],
      },
      {
        name: 'calendar',
        navigation: [
          { to: '/calendar', label: 'Calendar', icon: IconCalendar, order: 5, section: 'records' },
        ],
      },
    ]);
    expect(registry.navigation(sessionOf('admin')).map((e) => e.to)).toEqual(['/calendar', '/admin']);
    expect(registry.navigation(sessionOf('rep')).map((e) => e.to)).toEqual(['/calendar']);
    expect(registry.navigation(null).map((e) => e.to)).toEqual(['/calendar']);
  });

  it("gives each object's record page the panels and tabs made for it, ordered", () => {
    const registry = composeWebModules([
      {
        name: 'contacts',
        recordPanels: [
          { object: 'accounts', key: 'people', label: 'People', component: Panel },
          { object: 'contacts', key: 'companies', label: 'Companies', component: Panel },
        ],
      },
      {
        name: 'deals',
        recordPanels: [{ object: 'accounts', key: 'deals', label: 'Deals', order: 1, component: OtherPanel }],
        recordTabs: [{ object: 'accounts', key: 'pipeline', label: 'Pipeline', component: OtherPanel }],
      },
    ]);
    expect(registry.recordPanels('accounts').map((p) => p.key)).toEqual(['deals', 'people']);
    expect(registry.recordPanels('contacts').map((p) => p.key)).toEqual(['companies']);
    expect(registry.recordPanels('projects')).toEqual([]);
    expect(registry.recordTabs('accounts').map((t) => t.key)).toEqual(['pipeline']);
    expect(registry.recordTabs('contacts')).toEqual([]);
    expect(registry.recordActions('accounts')).toEqual([]);
  });

  it('lets a field of its own win over its type, part by part', () => {
    const registry = composeWebModules([
      { name: 'maps', fieldTypes: { address: { display: Display, input: Input } } },
      { name: 'accounts', fields: [{ object: 'accounts', field: 'billingAddress', display: OtherDisplay }] },
    ]);
    expect(registry.fieldRenderer('accounts', field('billingAddress', 'address'))).toEqual({
      display: OtherDisplay,
      input: Input,
    });
    expect(registry.fieldRenderer('accounts', field('shippingAddress', 'address'))).toEqual({
      display: Display,
      input: Input,
    });
    expect(registry.fieldRenderer('contacts', field('billingAddress', 'text'))).toEqual({});
  });

  it('offers an object its own layouts, which replace a generic one of the same name', () => {
    const registry = composeWebModules([
      {
        name: 'boards',
        listLayouts: [{ name: 'board', label: 'Board', icon: IconLayoutKanban, component: Board }],
      },
      {
        name: 'deals',
        listLayouts: [
          {
            name: 'board',
            label: 'Pipeline',
            icon: IconLayoutKanban,
            objects: ['deals'],
            component: DealBoard,
          },
          {
            name: 'calendar',
            label: 'Close dates',
            icon: IconCalendar,
            objects: ['deals'],
            component: Board,
          },
        ],
      },
    ]);
    expect(registry.listLayouts('deals').map((l) => l.label)).toEqual(['Pipeline', 'Close dates']);
    expect(registry.listLayouts('accounts').map((l) => l.label)).toEqual(['Board']);
  });

  it('refuses two modules filling the same slot', () => {
    const looks = (name: string): WebModule => ({ name, objects: { accounts: { icon: IconBuilding } } });
    expect(() => composeWebModules([looks('accounts'), looks('crm')])).toThrow(
      'Web modules accounts and crm both contribute the look of accounts',
    );
    const people = (name: string): WebModule => ({
      name,
      recordPanels: [{ object: 'accounts', key: 'people', label: 'People', component: Panel }],
    });
    expect(() => composeWebModules([people('contacts'), people('leads')])).toThrow(
      'Web modules contacts and leads both contribute record panel accounts.people',
    );
    expect(() => composeWebModules([{ name: 'contacts' }, { name: 'contacts' }])).toThrow(
      'Web modules contacts and contacts both contribute module contacts',
    );
  });
});

describe('the web modules as composed', () => {
  const registry = composeWebModules(webModules);

  it('show the people of an account from contacts, and a contact its companies', () => {
    expect(registry.recordPanels('accounts').map((p) => [p.key, p.label])).toEqual([
      ['duplicates', 'Possible duplicates'],
      ['quality', 'Data quality'],
      ['people', 'People'],
      ['deals', 'Deals'],
      ['timeline', 'Timeline'],
      ['orders', 'Orders'],
    ]);
    expect(registry.recordPanels('contacts').map((p) => [p.key, p.label])).toEqual([
      ['duplicates', 'Possible duplicates'],
      ['convert-lead', 'Lead'],
      ['photo', 'Photo'],
      ['quality', 'Data quality'],
      ['companies', 'Companies'],
      ['timeline', 'Timeline'],
      ['privacy', 'Privacy'],
    ]);
    const contacts = webModules.find((m) => m.name === 'contacts');
    expect(registry.recordFormAssist('contacts')).toBe(
      contacts && 'recordFormAssists' in contacts ? contacts.recordFormAssists[0].component : 'missing',
    );
    expect(registry.recordFormAssist('accounts')).toBeUndefined();
  });

  it('check a new contact, account or custom record for likely duplicates, and no other record', () => {
    const checked = (meta: ObjectMeta) => registry.recordCreateChecks(meta).length;
    expect(checked(objectNamed('contacts'))).toBe(1);
    expect(checked(objectNamed('accounts'))).toBe(1);
    expect(checked({ ...objectNamed('projects'), custom: true })).toBe(1);
    expect(checked(objectNamed('deals'))).toBe(0);
  });

  it('lead the navigation with accounts, then contacts, and show Admin to admins only', () => {
    const names = ['projects', 'contacts', 'accounts'];
    expect(registry.objectsInOrder(names.map(objectNamed)).map((o) => o.name)).toEqual([
      'accounts',
      'contacts',
      'projects',
    ]);
    expect(registry.objectLook('accounts')?.icon).toBe(IconBuilding);
    expect(registry.objectLook('contacts')?.icon).toBe(IconUsers);
    expect(registry.navigation(sessionOf('admin')).map((e) => [e.to, e.section])).toEqual([
      ['/scorecard', 'insights'],
      ['/dashboard', 'insights'],
      ['/report-builder', 'insights'],
      ['/leads', 'records'],
      ['/pipeline', 'records'],
      ['/forecast', 'insights'],
      ['/pipeline/analytics', 'insights'],
      ['/orders/analysis', 'insights'],
      ['/mail/review', 'records'],
      ['/mail/mailbox', 'records'],
      ['/approvals', 'records'],
      ['/orders/notices', 'records'],
      ['/import', 'records'],
      ['/adoption', 'workspace'],
      ['/feedback', 'workspace'],
      ['/duplicates', 'records'],
      ['/quality', 'records'],
      ['/settings/pipelines', 'workspace'],
      ['/settings/forecast', 'workspace'],
      ['/settings/leads', 'workspace'],
      ['/settings/mail', 'workspace'],
      ['/settings/validation-rules', 'workspace'],
      ['/settings/privacy', 'workspace'],
      ['/settings/phone-contacts', 'workspace'],
      ['/admin', 'workspace'],
    ]);
    expect(registry.navigation(sessionOf('manager')).map((e) => e.to)).toEqual([
      '/scorecard',
      '/dashboard',
      '/report-builder',
      '/leads',
      '/pipeline',
      '/forecast',
      '/pipeline/analytics',
      '/orders/analysis',
      '/mail/review',
      '/mail/mailbox',
      '/approvals',
      '/orders/notices',
      '/import',
      '/adoption',
      '/feedback',
      '/duplicates',
      '/quality',
      '/settings/phone-contacts',
    ]);
    expect(registry.navigation(sessionOf('rep')).map((e) => e.to)).not.toContain('/scorecard');
  });
});
