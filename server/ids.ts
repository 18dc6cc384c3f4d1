import { monotonicFactory } from "ulidx";

const ulid = monotonicFactory();

/** ULIDs: sortable by creation time, safe to make on any node. */
export function newId(): string {
  return ulid();
}
