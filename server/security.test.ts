/** The collaboration server refuses other sites, counts sockets per user, and guards /metrics. */
import { describe, expect, it } from "vitest";
import { startTestServer } from "./testing";
import { upgrade, server, documentId, cookie } from "./security-harness";

describe("the collaboration server refuses other sites", () => {
  it("refuses a browser upgrade from another origin, even with a valid session cookie", async () => {
    const { outcome, ws } = await upgrade(server.port, documentId, { cookie, origin: "https://evil.example" });
    expect(outcome).toBe(403);
    ws.terminate();
  });

  it("accepts the app's own pages (same host name, the app's port) and clients that send no Origin", async () => {
    const cases: Record<string, string>[] = [{ cookie, origin: "http://127.0.0.1:3000" }, { cookie }];
    for (const headers of cases) {
      const { outcome, ws } = await upgrade(server.port, documentId, headers);
      expect(outcome).toBe("open");
      ws.close();
    }
  });

  it("outside the embedded demo, with no configured origin, refuses every browser page and still serves clients that send no Origin", async () => {
    const strict = await startTestServer({ sameHostOrigins: false });
    try {
      expect((await upgrade(strict.port, documentId, { cookie, origin: "http://127.0.0.1:3000" })).outcome).toBe(403);
      const plain = await upgrade(strict.port, documentId, { cookie });
      expect(plain.outcome).toBe("open");
      plain.ws.close();
      process.env.NEXTAUTH_URL = "https://messages.example.org";
      const configured = await upgrade(strict.port, documentId, { cookie, origin: "https://messages.example.org" });
      expect(configured.outcome).toBe("open");
      configured.ws.close();
    } finally {
      delete process.env.NEXTAUTH_URL;
      await strict.close();
    }
  });

  it("answers a malformed percent-escape in the address with 400", async () => {
    expect((await upgrade(server.port, "%E0%A4%A", { cookie })).outcome).toBe(400);
  });

  it("with APP_ORIGINS set, accepts only those origins", async () => {
    process.env.APP_ORIGINS = "https://messages.example.org";
    try {
      expect((await upgrade(server.port, documentId, { cookie, origin: "http://127.0.0.1:3000" })).outcome).toBe(403);
      const allowed = await upgrade(server.port, documentId, { cookie, origin: "https://messages.example.org" });
      expect(allowed.outcome).toBe("open");
      allowed.ws.close();
    } finally {
      delete process.env.APP_ORIGINS;
    }
  });
});

describe("connection limits", () => {
  it("50 upgrades started at once with one cookie and a limit of 20 get exactly 20 sockets", async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => upgrade(server.port, documentId, { cookie })));
    const outcomes = results.map((r) => r.outcome);
    expect(outcomes.filter((o) => o === "open")).toHaveLength(20);
    expect(outcomes.filter((o) => o === 429)).toHaveLength(30);
    for (const { ws } of results) ws.terminate();
  });

  it("gives the places back when sockets close", async () => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await Promise.all(Array.from({ length: 20 }, () => upgrade(server.port, documentId, { cookie })));
    expect(again.filter((r) => r.outcome === "open")).toHaveLength(20);
    for (const { ws } of again) ws.terminate();
  });
});

describe("/metrics", () => {
  it("answers loopback clients without a token", async () => {
    expect((await fetch(`http://127.0.0.1:${server.port}/metrics`)).status).toBe(200);
  });

  it("with METRICS_TOKEN, answers only requests that present it", async () => {
    const guarded = await startTestServer({ metricsToken: "a-metrics-token-of-length" });
    try {
      expect((await fetch(`http://127.0.0.1:${guarded.port}/metrics`)).status).toBe(403);
      const wrong = await fetch(`http://127.0.0.1:${guarded.port}/metrics`, { headers: { authorization: "Bearer nope" } });
      expect(wrong.status).toBe(403);
      const right = await fetch(`http://127.0.0.1:${guarded.port}/metrics`, {
        headers: { authorization: "Bearer a-metrics-token-of-length" },
      });
      expect(right.status).toBe(200);
      expect(await right.text()).toContain("# HELP");
    } finally {
      await guarded.close();
    }
  });
});
