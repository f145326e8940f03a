/**
 * Open sockets per document and per user, counted from the moment an upgrade
 * passes its checks, not from when its socket opens: upgrades that arrive
 * together each await the database, and counting only open sockets would let
 * all of them through. Reserving is synchronous, so two upgrades can never
 * both take the last place.
 */
export class SocketBudget {
  private readonly byDocument = new Map<string, number>();
  private readonly byUser = new Map<string, number>();

  constructor(private readonly limits: { perDocument: number; perUser: number }) {}

  /** Takes a place for a socket, or says why there is none. The returned release gives it back, once. */
  reserve(documentId: string, userId: string): { release: () => void } | { refused: string } {
    if ((this.byDocument.get(documentId) ?? 0) >= this.limits.perDocument)
      return { refused: "Too many connections to this document." };
    if ((this.byUser.get(userId) ?? 0) >= this.limits.perUser) return { refused: "Too many connections for this user." };
    bump(this.byDocument, documentId, 1);
    bump(this.byUser, userId, 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        bump(this.byDocument, documentId, -1);
        bump(this.byUser, userId, -1);
      },
    };
  }
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next <= 0) counts.delete(key);
  else counts.set(key, next);
}
