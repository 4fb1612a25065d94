import type { TenantId } from '../../domain/ids.ts';
import {
  mayReadFigures,
  maySeePerson,
  type PersonFacts,
  type ProgrammeFacts,
  type Subject,
} from '../../domain/policy.ts';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/connection.ts';
import type { Tx } from '../db/transaction.ts';
import { forbidden, notFound } from '../http/errors.ts';
import * as repo from './repository.ts';

type Q = Db | Tx;

/**
 * The loaders every service opens with: they read only the facts a rule in
 * src/domain/policy.ts needs (set-wise where there are several objects), so a service can ask
 * the rule on its first line and answer "not found" to an outsider before reading anything else.
 */

/** The caller as the rules see them: grants with scopes, and the person they are. */
export async function subjectOf(q: Q, actor: Actor): Promise<Subject> {
  const personId =
    actor.personId !== undefined
      ? actor.personId
      : await repo.personOfUser(q, actor.tenantId, actor.userId);
  return { grants: actor.grants, personId };
}

export const personFacts = (q: Q, tenantId: TenantId, ids: readonly string[], date: string) =>
  repo.personFacts(q, tenantId, [...new Set(ids)], date);

/** A person the caller may see (themselves, or within their reach); anyone else: not found. */
export async function visiblePerson(
  q: Q,
  actor: Actor,
  personId: string,
  date: string,
): Promise<{ subject: Subject; person: PersonFacts }> {
  const [subject, person] = await Promise.all([
    subjectOf(q, actor),
    repo.personFacts(q, actor.tenantId, [personId], date),
  ]);
  const facts = person.get(personId);
  if (!facts || !maySeePerson(subject, facts)) throw notFound('person');
  return { subject, person: facts };
}

export type ProgrammeRef = ProgrammeFacts & { id: string };

/**
 * A programme's facts for the caller, then the rule `allowed`. A missing programme and one the
 * caller may not even read answer alike (not found); one they read but may not act on, 403.
 */
export async function programmeFor(
  q: Q,
  actor: Actor,
  programmeId: string,
  allowed: (subject: Subject, programme: ProgrammeFacts) => boolean,
): Promise<{ subject: Subject; programme: ProgrammeRef }> {
  const [subject, row] = await Promise.all([
    subjectOf(q, actor),
    repo.programmeFacts(q, actor.tenantId, programmeId, actor.userId),
  ]);
  if (!row) throw notFound('programme');
  const programme = { id: row.id, status: row.status, listedOwner: Boolean(row.listed_owner) };
  if (!allowed(subject, programme))
    throw mayReadFigures(subject, programme) ? forbidden() : notFound('programme');
  return { subject, programme };
}

/** The programme's facts without a rule (the caller asks several rules of it). */
export async function programmeFactsFor(q: Q, actor: Actor, programmeId: string) {
  const row = await repo.programmeFacts(q, actor.tenantId, programmeId, actor.userId);
  return row ? { id: row.id, status: row.status, listedOwner: Boolean(row.listed_owner) } : null;
}

export const unitPath = (q: Q, actor: Actor, unitId: string) =>
  repo.unitPath(q, actor.tenantId, unitId);
export const unitPathsOf = (q: Q, actor: Actor, unitIds: readonly string[]) =>
  repo.unitPathsOf(q, actor.tenantId, unitIds);
export const ownedProgrammeIds = (q: Q, actor: Actor) =>
  repo.ownedProgrammeIds(q, actor.tenantId, actor.userId);
export const servedUnits = (q: Q, actor: Actor, programmeId: string, personId: string) =>
  repo.servedUnits(q, actor.tenantId, programmeId, personId);
export { inReach } from './repository.ts';
