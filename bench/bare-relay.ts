/**
 * The floor: a bare websocket relay (no auth, no Yjs, no database) that
 * forwards frames to every other socket on the same path. Run as its own
 * process by the benchmark; prints its port on stdout.
 *
 * It forwards document updates (frames starting 0,2) only. The sync handshake
 * has no server to answer it, so every client would answer every other
 * client's with its whole document; and stock clients re-send every presence
 * change they hear, so relayed presence multiplies by the number of clients
 * every 15 s. Neither storm measures anything real about relaying keystrokes.
 */
import { createServer } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import { LAG_PATH, lagProbe } from "./lag";

const lag = lagProbe();
const rooms = new Map<string, Set<WebSocket>>();
const http = createServer((request, response) => {
  if (request.url === LAG_PATH) {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(lag.read()));
  } else {
    response.writeHead(404);
    response.end();
  }
});
const server = new WebSocketServer({ server: http });
server.on("connection", (socket, request) => {
  const path = request.url ?? "/";
  const room = rooms.get(path) ?? new Set<WebSocket>();
  rooms.set(path, room);
  room.add(socket);
  socket.on("message", (data: Buffer) => {
    if (data[0] !== 0 || data[1] !== 2) return;
    for (const other of room) if (other !== socket && other.readyState === other.OPEN) other.send(data);
  });
  socket.on("close", () => room.delete(socket));
});
http.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () =>
  console.log(JSON.stringify({ port: (http.address() as { port: number }).port })),
);
process.on("SIGTERM", () => {
  for (const client of server.clients) client.terminate();
  http.close(() => process.exit(0));
});
