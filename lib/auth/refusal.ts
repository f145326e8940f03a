import { forbidden } from "next/navigation";

/**
 * Refuses the page being rendered: HTTP 403, and app/workspace/forbidden.tsx
 * in its place (a page a person may not see must not answer 200). That page
 * takes no props and Next renders it ahead of the refusal, so it cannot carry
 * this refusal's own sentence; the API still does (`error` and `code`).
 */
export function refusePage(): never {
  forbidden();
}
