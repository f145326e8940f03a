import type { DomainError } from "@/lib/errors";

/** A page the viewer may not see: the reason, in one sentence. */
export function NotAvailable({ error }: { error: DomainError }) {
  return (
    <main>
      <h1>Not available</h1>
      <p className="notice error">{error.message}</p>
    </main>
  );
}
