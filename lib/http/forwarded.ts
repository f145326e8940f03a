import { isIP } from "node:net";

/**
 * Which forwarding headers to believe, from TRUST_PROXY: unset, "false" or "0"
 * believes none (the socket's peer is the client); a number N believes the
 * last N hops of X-Forwarded-For (N proxies in front of the app); a comma
 * list believes hops whose address is in the list (the proxies' addresses).
 */
export type TrustProxy = { hops: number } | { addresses: Set<string> };

export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? "").trim();
  if (!text || text === "false") return { hops: 0 };
  if (text === "true") return { hops: 1 };
  if (/^\d+$/.test(text)) return { hops: Number(text) };
  const addresses = text.split(",").map((s) => s.trim());
  const bad = addresses.find((a) => !isIP(a));
  if (bad !== undefined) throw new Error(`TRUST_PROXY: "${bad}" is neither a hop count nor an IP address.`);
  return { addresses: new Set(addresses.map(normaliseAddress)) };
}

/** IPv4 peers arrive on dual-stack sockets as ::ffff:a.b.c.d. */
export function normaliseAddress(address: string): string {
  return address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/**
 * The client of a request: the socket's peer, or, behind trusted proxies, the
 * address they recorded. A header the client wrote itself is never believed
 * beyond what TRUST_PROXY allows.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trust: TrustProxy): string {
  const socketPeer = normaliseAddress(peer ?? "unknown");
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((s) => normaliseAddress(s.trim()))
    .filter(Boolean);
  // Walk from the socket backwards through the hops we trust.
  const hops = [...chain, socketPeer];
  let index = hops.length - 1;
  if ("hops" in trust) {
    index = Math.max(0, hops.length - 1 - trust.hops);
  } else {
    while (index > 0 && trust.addresses.has(hops[index])) index--;
  }
  return hops[index];
}

/** Whether the request reached the app over https, by the socket or a trusted proxy's word. */
export function requestProtocol(
  encrypted: boolean,
  forwardedProto: string | string[] | undefined,
  trust: TrustProxy,
  peer: string,
): "http" | "https" {
  if (encrypted) return "https";
  const trusted = "hops" in trust ? trust.hops > 0 : trust.addresses.has(normaliseAddress(peer));
  const proto = (Array.isArray(forwardedProto) ? forwardedProto[0] : forwardedProto)?.split(",")[0]?.trim();
  return trusted && proto === "https" ? "https" : "http";
}
