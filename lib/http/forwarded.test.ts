import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustProxy, requestProtocol } from "./forwarded";

describe("the client's address", () => {
  it("believes no forwarding header unless TRUST_PROXY says so", () => {
    const none = parseTrustProxy(undefined);
    expect(clientAddress("::ffff:127.0.0.1", "198.51.100.1", none)).toBe("127.0.0.1");
    expect(clientAddress("10.1.2.3", ["203.0.113.9, 198.51.100.1"], none)).toBe("10.1.2.3");
  });

  it("with a hop count, takes the address the last trusted proxy saw", () => {
    // The client wrote "1.1.1.1" itself; the one proxy appended the address it saw.
    expect(clientAddress("10.0.0.5", "1.1.1.1, 198.51.100.1", parseTrustProxy("1"))).toBe("198.51.100.1");
    expect(clientAddress("10.0.0.5", "1.1.1.1, 198.51.100.1, 10.0.0.4", parseTrustProxy("2"))).toBe("198.51.100.1");
    // More hops trusted than recorded: the first recorded address.
    expect(clientAddress("10.0.0.5", "198.51.100.1", parseTrustProxy("3"))).toBe("198.51.100.1");
  });

  it("with a list of proxies, walks back past those addresses only", () => {
    const trust = parseTrustProxy("10.0.0.4, 10.0.0.5");
    expect(clientAddress("10.0.0.5", "1.1.1.1, 198.51.100.1, 10.0.0.4", trust)).toBe("198.51.100.1");
    // A peer that is not a listed proxy is the client, whatever it claims.
    expect(clientAddress("203.0.113.50", "198.51.100.1", trust)).toBe("203.0.113.50");
  });

  it("refuses a TRUST_PROXY that is neither a count nor addresses", () => {
    expect(() => parseTrustProxy("proxy.example")).toThrow(/neither a hop count nor an IP address/);
  });

  it("believes X-Forwarded-Proto only from a trusted proxy", () => {
    expect(requestProtocol(false, "https", parseTrustProxy(undefined), "10.0.0.5")).toBe("http");
    expect(requestProtocol(false, "https", parseTrustProxy("1"), "10.0.0.5")).toBe("https");
    expect(requestProtocol(false, "https", parseTrustProxy("10.0.0.5"), "10.0.0.5")).toBe("https");
    expect(requestProtocol(false, "https", parseTrustProxy("10.0.0.5"), "10.0.0.6")).toBe("http");
    expect(requestProtocol(true, undefined, parseTrustProxy(undefined), "10.0.0.5")).toBe("https");
  });
});
