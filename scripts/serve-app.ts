/**
 * The Next.js app's HTTP server, in place of `next start`: the same Next
 * request handler behind a Node server of our own, so that what reaches the
 * app about the client is true. Next itself takes X-Forwarded-For and
 * X-Forwarded-Proto from the request as sent, so any client could name
 * itself; here they are rewritten from the socket, believing forwarding
 * headers only as far as TRUST_PROXY says. Sign-in limits and audit entries
 * then key on the real client. Listens on HOST:PORT.
 */
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { config } from "@/lib/config";
import { clientAddress, parseTrustProxy, requestProtocol } from "@/lib/http/forwarded";
import { badAddress } from "@/lib/http/input";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const settings = config();
const port = settings.PORT;
const host = settings.HOST || "0.0.0.0";
const dev = process.argv.includes("--dev");
const trust = parseTrustProxy(settings.TRUST_PROXY);

const app = next({ dev, dir: root, hostname: host === "0.0.0.0" ? "localhost" : host, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  // Before Next sees it (it answers a malformed percent-escape with a bare 500): an address holding a
  // character no text may hold reaches no page and no route.
  const bad = badAddress(new URL(request.url ?? "/", "http://app"));
  if (bad) {
    response.writeHead(400, { "content-type": "application/json" });
    response.end(JSON.stringify({ error: bad, code: "invalid" }));
    return;
  }
  const peer = request.socket.remoteAddress ?? "unknown";
  const client = clientAddress(peer, request.headers["x-forwarded-for"], trust);
  const encrypted = "encrypted" in request.socket && Boolean(request.socket.encrypted);
  request.headers["x-forwarded-for"] = client;
  request.headers["x-forwarded-proto"] = requestProtocol(encrypted, request.headers["x-forwarded-proto"], trust, peer);
  delete request.headers["x-forwarded-host"];
  delete request.headers["x-forwarded-port"];
  delete request.headers["x-real-ip"];
  void handle(request, response);
});
if (dev) server.on("upgrade", (request, socket, head) => void app.getUpgradeHandler()(request, socket, head));
server.listen(port, host, () => console.log(`app listening on ${host}:${port}`));

const stop = () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  // Requests still running get a few seconds to finish.
  setTimeout(() => process.exit(0), 5000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
