import type { BodySummary, UnitPeople, UnitSummary } from '../../../contracts/org.ts';
import type { BodyRow, UnitRow } from './repository.ts';

export function presentUnit(row: UnitRow): UnitSummary {
  return {
    id: row.id,
    parentId: row.parent_id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    staffCount: row.staff_count,
  };
}

export function presentBody(row: BodyRow, offices: { id: string; name: string }[]): BodySummary {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    members: row.members,
    substitutes: row.substitutes,
    offices,
  };
}

export function fullName(person: { first_name: string; last_name: string }): string {
  return `${person.first_name} ${person.last_name}`;
}

export function presentStaff(
  rows: {
    id: string;
    first_name: string;
    last_name: string;
    email: string | null;
    title: string;
    is_manager: boolean;
    start_date: string;
    end_date: string | null;
  }[],
): UnitPeople['people'] {
  return rows.map((row) => ({
    id: row.id,
    name: fullName(row),
    title: row.title,
    email: row.email,
    isManager: row.is_manager,
    startDate: row.start_date,
    endDate: row.end_date,
  }));
}
