"use client";

import type { CSSProperties, FormEvent, ReactNode } from "react";
import { useHydrated } from "@/components/ui/hydrated";

/** A text field of a submitted form ("" when absent; a file input is not text). */
export function textField(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/**
 * A form that submits through JavaScript and keeps what was typed (React's
 * form actions reset the fields, losing the input when the server says no).
 * Its fields stay disabled until the page is interactive, so nothing typed or
 * clicked before then is lost or sent as a plain page load.
 */
export function Form(props: {
  onSubmit: (form: FormData) => unknown;
  className?: string;
  style?: CSSProperties;
  "aria-label": string;
  children: ReactNode;
}) {
  const hydrated = useHydrated();
  return (
    <form
      aria-label={props["aria-label"]}
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        void props.onSubmit(new FormData(event.currentTarget));
      }}
    >
      <fieldset className={props.className} style={props.style} disabled={!hydrated}>
        {props.children}
      </fieldset>
    </form>
  );
}
