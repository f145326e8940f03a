"use client";

import type { ButtonHTMLAttributes } from "react";
import { useHydrated } from "@/components/ui/hydrated";

/** A button that is disabled until the page is interactive, so an early click is never silently lost. */
export function ClientButton(props: ButtonHTMLAttributes<HTMLButtonElement>) {
  const hydrated = useHydrated();
  return <button {...props} disabled={!hydrated || props.disabled} />;
}
