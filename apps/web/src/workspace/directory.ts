import type { Locale } from '@tangram/schema';
import type { OrgUnitName, Record360Api } from './record-360-api';
import type { Person, RecordsApi } from './records-api';

/** Colleagues and org units by id, so the record page names people and places instead of showing ids. */
export interface Directory {
  readonly people: readonly Person[];
  readonly personName: (id: string) => string | undefined;
  readonly unitName: (id: string, locale: Locale) => string | undefined;
}

export function createDirectory(people: readonly Person[], units: readonly OrgUnitName[]): Directory {
  const names = new Map(people.map((p) => [p.id, p.name]));
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  return Object.freeze({
    people,
    personName: (id: string) => names.get(id),
    unitName: (id: string, locale: Locale) => {
      const name = unitNames.get(id);
      return name ? name[locale] ?? name.en ?? name['zh-CN'] : undefined;
    },
  });
}

/** Loads both lists; a list the caller may not read leaves ids unnamed rather than failing the page. */
export async function loadDirectory(records: Pick<RecordsApi, 'people'>, api: Pick<Record360Api, 'orgUnits'>): Promise<Directory> {
  const [people, units] = await Promise.all([records.people().catch(() => []), api.orgUnits().catch(() => [])]);
  return createDirectory(people, units);
}
