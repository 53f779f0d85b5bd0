import type { FormDefinition, OrgUnit, ReportDefinition } from '@tangram/schema';

const l = (en: string) => ({ en });

/** A lead form as the customer-conversion app has it: every kind a report treats differently. */
export const leadForm: FormDefinition = {
  schemaVersion: 1,
  key: 'lead',
  name: l('Lead'),
  fields: [
    { id: '1', key: 'name', kind: 'text', label: l('Name') },
    { id: '2', key: 'channel', kind: 'select', label: l('Channel'), options: [{ value: 'web', label: l('Web') }, { value: 'expo', label: l('Expo') }, { value: 'street', label: l('Street') }] },
    { id: '3', key: 'stage', kind: 'select', label: l('Stage'), options: ['new', 'contacted', 'visited', 'quoted', 'won', 'lost'].map((v) => ({ value: v, label: l(v) })) },
    { id: '4', key: 'budget', kind: 'money', label: l('Budget') },
    { id: '5', key: 'visits', kind: 'number', label: l('Visits') },
    { id: '6', key: 'due', kind: 'date', label: l('Due') },
    { id: '7', key: 'store', kind: 'orgunit', label: l('Store') },
    { id: '8', key: 'tags', kind: 'multiselect', label: l('Tags'), options: [{ value: 'vip', label: l('VIP') }] },
    { id: '9', key: 'cost', kind: 'money', label: l('Cost') },
  ],
};

export const orgUnits: readonly OrgUnit[] = [
  { id: 'hq', parentId: null, kind: 'hq', name: l('HQ') },
  { id: 'east', parentId: 'hq', kind: 'region', name: l('East') },
  { id: 'west', parentId: 'hq', kind: 'region', name: l('West') },
  { id: 'sh01', parentId: 'east', kind: 'store', name: l('Shanghai 1') },
  { id: 'sh02', parentId: 'east', kind: 'store', name: l('Shanghai 2') },
  { id: 'cd01', parentId: 'west', kind: 'store', name: l('Chengdu 1') },
];

export const byChannel: ReportDefinition = {
  schemaVersion: 1,
  key: 'by_channel',
  source: { form: 'lead' },
  dimensions: [{ field: 'channel' }],
  measures: [{ key: 'leads', fn: 'count' }, { key: 'budget', fn: 'sum', field: 'budget' }],
  chart: { kind: 'bar' },
};
