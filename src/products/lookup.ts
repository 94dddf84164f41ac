import type { CloudClient } from '../cloud/client';
import type { Resource } from '../cloud/models';
import { fetchPage, type ListAction } from '../cloud/paging';

/** A backup ID that is a number: AnalyticDB, MongoDB, RDS, PolarDB and Tair backups. */
export const NUMERIC_ID = /^\d{1,20}$/;

/** The smallest page every list API accepts: an ID filter answers with one item or none. */
const ID_PAGE = 30;

/** A resource listing narrowed to one ID through the API's own filter parameter (DBInstanceId, DBClusterIds…). */
export function filteredById<Scope>(list: ListAction<Scope, Resource>, param: string): ListAction<Scope & { id: string }, Resource> {
  return { ...list, params: (scope) => ({ ...list.params(scope), [param]: scope.id }) };
}

/** The resource with exactly this ID on the first page of a filtered listing: one request. */
export async function withId<Scope>(
  client: CloudClient,
  list: ListAction<Scope & { id: string }, Resource>,
  scope: Scope & { id: string },
  signal: AbortSignal,
): Promise<Resource | undefined> {
  const page = await fetchPage(client, list, scope, 0, ID_PAGE, signal);
  return page.items.find((resource) => resource.id === scope.id);
}

/** The first resource found by lookups made at once (one per instance type or engine a listing asks for by name). */
export async function firstFound(lookups: ReadonlyArray<Promise<Resource | undefined>>): Promise<Resource | undefined> {
  return (await Promise.all(lookups)).find((resource) => resource !== undefined);
}
