import { describe, expect, it } from "vitest";
import { z } from "zod";
import { conflict, notFound } from "@/lib/errors";
import { readJson, route } from "./route";

const call = (handler: ReturnType<typeof route>, body?: unknown) =>
  handler(
    new Request("http://app.test/x", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );

describe("route errors", () => {
  it("carry a sentence for people and a stable code for programs", async () => {
    const superseded = await call(
      route(() => Promise.reject(conflict("Comments go on the latest published version.", "superseded"))),
    );
    expect(superseded.status).toBe(409);
    expect(await superseded.json()).toEqual({ error: "Comments go on the latest published version.", code: "superseded" });

    const missing = await call(route(() => Promise.reject(notFound("There is no such thread."))));
    expect(await missing.json()).toEqual({ error: "There is no such thread.", code: "not_found" });

    const schema = z.object({ body: z.string().min(1) }).strict();
    const bad = await call(
      route(async (request) => readJson(request, schema)),
      { body: "" },
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: "invalid", error: expect.stringMatching(/^body: /) });
  });
});
