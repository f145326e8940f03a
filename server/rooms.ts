import type { Logger } from "pino";
import { CLOSE } from "@/lib/collab/protocol";
import type { Cluster } from "./cluster";
import type { Connection } from "./connection";
import type { Metrics } from "./metrics";
import { Room, type RoomOptions } from "./room";

/**
 * The rooms open on this instance, one per document with sockets on it, and
 * those sockets. A room opens with its first socket and closes (storing and
 * compacting what it holds) when its last one leaves; a socket arriving
 * meanwhile waits for that close and gets a fresh room.
 */
export class RoomRegistry {
  /** Open rooms by document id (shared with the cluster, which applies what other instances say to them). */
  readonly rooms: Map<string, Room>;
  readonly connections = new Set<Connection>();
  private readonly closing = new Map<string, Promise<void>>();

  constructor(
    private readonly options: Omit<RoomOptions, "onDiverged" | "cluster"> & {
      logger: Logger;
      metrics: Metrics;
      cluster: Cluster;
      rooms: Map<string, Room>;
    },
  ) {
    this.rooms = options.rooms;
  }

  /** The document's room, opened (and its stored state loading) if it was not. */
  async open(documentId: string, eventId: string): Promise<Room> {
    // A room still storing and compacting after its last socket left is finished first.
    await this.closing.get(documentId);
    let room = this.rooms.get(documentId);
    if (!room) {
      const { rooms: _rooms, ...roomOptions } = this.options;
      room = new Room(documentId, eventId, { ...roomOptions, onDiverged: (diverged) => this.rebuild(diverged) });
      this.rooms.set(documentId, room);
      this.options.cluster.roomOpened(documentId);
    }
    return room;
  }

  /** A socket joins its room. */
  add(connection: Connection): void {
    this.connections.add(connection);
    connection.room.connections.add(connection);
  }

  /** A socket left: its presence goes, and its room closes if it was the last. */
  remove(connection: Connection): void {
    const { room } = connection;
    this.connections.delete(connection);
    room.connections.delete(connection);
    connection.dropPresence();
    if (room.connections.size === 0) this.retire(room);
  }

  /**
   * A room whose Y.Doc holds edits the store refused (they lost the race to
   * Final) is dropped, and every socket on it told to reload: new sockets get
   * a room loaded from the store, which holds exactly the Final text.
   */
  private rebuild(room: Room): void {
    if (this.rooms.get(room.documentId) !== room) return;
    this.options.logger.info(
      { documentId: room.documentId, sockets: room.connections.size },
      "room held refused edits; clients reload",
    );
    this.retire(room);
    for (const connection of [...room.connections]) {
      connection.close(CLOSE.RELOAD, "Final was published; reloading the published text.");
    }
  }

  private retire(room: Room): void {
    if (this.rooms.get(room.documentId) !== room) return;
    this.rooms.delete(room.documentId);
    const closing = room
      .close()
      .catch((error) => this.options.logger.error({ err: error, documentId: room.documentId }, "closing a room failed"))
      .finally(() => this.closing.delete(room.documentId));
    this.closing.set(room.documentId, closing);
  }

  /** Resolves once every open room has stored what it received. */
  async flushAll(): Promise<void> {
    await Promise.all([...this.rooms.values()].map((room) => room.flushed()));
  }

  /** Closes every room (storing and compacting), and waits for those already closing. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.rooms.values()].map((room) => room.close()));
    await Promise.all(this.closing.values());
  }
}
