"use client";

import { Form, textField } from "@/components/ui/Form";
import { ClientButton } from "@/components/ui/ClientButton";
import Link from "next/link";
import { useState } from "react";
import { callApi, useAction } from "@/components/ui/api";
import { ErrorText } from "@/components/ui/ErrorText";

export function ResetPasswordForm({ token }: { token: string }) {
  const { pending, error, run } = useAction();
  const [email, setEmail] = useState<string | null>(null);
  if (email) {
    return (
      <p className="success">
        Your password is set; every older session has ended.{" "}
        <Link href={`/signin?email=${encodeURIComponent(email)}`}>Sign in</Link>
      </p>
    );
  }
  return (
    <Form
      className="stack"
      aria-label="Choose a new password"
      onSubmit={(form) =>
        run(async () => {
          const password = textField(form, "password");
          if (password !== form.get("repeat")) throw new Error("The two passwords differ.");
          const result = await callApi<{ email: string }>("POST", `/api/password-resets/${token}`, { password });
          setEmail(result.email);
        })
      }
    >
      <label>
        New password (at least 10 characters)
        <input name="password" type="password" minLength={10} required autoComplete="new-password" />
      </label>
      <label>
        New password again
        <input name="repeat" type="password" minLength={10} required autoComplete="new-password" />
      </label>
      <ErrorText error={error} />
      <div>
        <ClientButton type="submit" disabled={pending}>
          Set password
        </ClientButton>
      </div>
    </Form>
  );
}
