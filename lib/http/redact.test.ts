import { describe, expect, it } from "vitest";
import { redactUrl } from "./redact";

describe("redactUrl", () => {
  it.each([
    ["http://app.test/api/invitations/s3cr3t-token/accept", "http://app.test/api/invitations/[token]/accept"],
    ["/invitations/s3cr3t-token", "/invitations/[token]"],
    ["/reset/s3cr3t-token", "/reset/[token]"],
    ["/verify/s3cr3t-token?x=1", "/verify/[token]"],
    ["/api/password-resets/s3cr3t-token", "/api/password-resets/[token]"],
    ["/api/verifications/s3cr3t-token", "/api/verifications/[token]"],
    ["/api/events/igf-2019/invitations", "/api/events/igf-2019/invitations"],
    ["/signin?callbackUrl=/workspace&email=a@b.c", "/signin"],
  ])("%s is logged as %s", (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
    expect(redactUrl(url)).not.toContain("s3cr3t");
  });
});
