import { describe, expect, it } from "vitest";
import { collabUrlFor, contentSecurityPolicy, newNonce, securityHeaders } from "./security-headers";

describe("security headers", () => {
  it("allow scripts only with this response's nonce, the collaboration server's websocket, and no framing", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", collabUrl: "ws://messages.example.org:1234", development: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("connect-src 'self' ws://messages.example.org:1234");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy({ nonce: "n", collabUrl: "ws://x:1", development: true })).toContain("'unsafe-eval'");
  });

  it("send HSTS only over https", () => {
    expect(securityHeaders({ csp: "x", https: false })["strict-transport-security"]).toBeUndefined();
    expect(securityHeaders({ csp: "x", https: true })["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  });

  it("make a fresh nonce each time, and point browsers at the collaboration server on the page's host", () => {
    expect(newNonce()).not.toBe(newNonce());
    expect(collabUrlFor("messages.example.org:3000", { COLLAB_PORT: "1234" })).toBe("ws://messages.example.org:1234");
    expect(collabUrlFor("[::1]:3000", {})).toBe("ws://[::1]:1234");
    expect(collabUrlFor("x", { COLLAB_URL: "wss://collab.example.org" })).toBe("wss://collab.example.org");
  });
});
