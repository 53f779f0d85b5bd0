import type { OrgUnit, ReportRollup } from '@tangram/schema';

export interface OrgTree {
  has(id: string): boolean;
  /** The unit and every unit under it. */
  subtree(id: string): string[];
  /** The nearest unit of that kind at or above `id` (what the store's roll-up groups it under), or null. */
  rollupOf(id: string, rollup: ReportRollup): string | null;
  /** Every unit whose roll-up is `target` (null: units under no unit of that kind). */
  rolledUpTo(target: string | null, rollup: ReportRollup): string[];
}

/** `createOrgTree(units).subtree("east")` -> ["east", "sh01", "sh02"] */
export function createOrgTree(units: readonly OrgUnit[]): OrgTree {
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<string, string[]>();
  for (const u of units) if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const rollupOf = (id: string, rollup: ReportRollup): string | null => {
    // Bounded by the number of units, so a corrupt parent cycle cannot loop forever.
    let unit = byId.get(id);
    for (let hops = 0; unit && hops <= units.length; hops++) {
      if (unit.kind === rollup) return unit.id;
      unit = unit.parentId === null ? undefined : byId.get(unit.parentId);
    }
    return null;
  };
  return {
    has: (id) => byId.has(id),
    subtree(id) {
      const out: string[] = [];
      const seen = new Set<string>();
      const stack = [id];
      while (stack.length > 0) {
        const next = stack.pop()!;
        if (seen.has(next) || !byId.has(next)) continue;
        seen.add(next);
        out.push(next);
        stack.push(...(children.get(next) ?? []));
      }
      return out.sort();
    },
    rollupOf,
    rolledUpTo: (target, rollup) => units.filter((u) => rollupOf(u.id, rollup) === target).map((u) => u.id).sort(),
  };
}
