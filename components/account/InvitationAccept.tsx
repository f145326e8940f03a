"use client";

import { Form, textField } from "@/components/ui/Form";
import { ClientButton } from "@/components/ui/ClientButton";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { callApi, useAction } from "@/components/ui/api";
import { ErrorText } from "@/components/ui/ErrorText";

interface Props {
  token: string;
  email: string;
  eventName: string;
  accountExists: boolean;
  signedInAs: string | null;
}

export function InvitationAccept({ token, email, eventName, accountExists, signedInAs }: Props) {
  const router = useRouter();
  const { pending, error, run } = useAction();
  const here = `/invitations/${token}`;

  if (accountExists) {
    if (signedInAs !== email) {
      return (
        <div className="stack">
          {signedInAs && (
            <p className="notice">
              You are signed in as {signedInAs}; this invitation is for {email}.
            </p>
          )}
          <p>An account for {email} exists. Sign in with it to accept; your password stays as it is.</p>
          <p>
            <Link href={`/signin?callbackUrl=${encodeURIComponent(here)}&email=${encodeURIComponent(email)}`}>
              Sign in as {email}
            </Link>
          </p>
        </div>
      );
    }
    return (
      <div className="stack">
        <ErrorText error={error} />
        <div>
          <ClientButton
            type="button"
            disabled={pending}
            onClick={() =>
              void run(async () => {
                const result = await callApi<{ event: string }>("POST", `/api/invitations/${token}/accept`);
                router.push(`/workspace/events/${result.event}`);
                router.refresh();
              })
            }
          >
            Join {eventName}
          </ClientButton>
        </div>
      </div>
    );
  }

  return (
    <Form
      className="stack"
      aria-label="Create your account"
      onSubmit={(form) =>
        run(async () => {
          const password = textField(form, "password");
          if (password !== form.get("repeat")) throw new Error("The two passwords differ.");
          const result = await callApi<{ event: string }>("POST", `/api/invitations/${token}/register`, {
            name: form.get("name"),
            password,
          });
          await signIn("credentials", { email, password, redirect: false });
          router.push(`/workspace/events/${result.event}`);
          router.refresh();
        })
      }
    >
      <p>
        Create your account for <strong>{email}</strong>.
      </p>
      <label>
        Your name (shown to co-authors and in the record)
        <input name="name" required autoComplete="name" />
      </label>
      <label>
        Password (at least 10 characters)
        <input name="password" type="password" minLength={10} required autoComplete="new-password" />
      </label>
      <label>
        Password again
        <input name="repeat" type="password" minLength={10} required autoComplete="new-password" />
      </label>
      <ErrorText error={error} />
      <div>
        <ClientButton type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create account and join"}
        </ClientButton>
      </div>
    </Form>
  );
}
