"use client";

import { Form, textField } from "@/components/ui/Form";
import { ClientButton } from "@/components/ui/ClientButton";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, useAction } from "@/components/ui/api";
import { ErrorText } from "@/components/ui/ErrorText";

export function SignupForm({ event, signedIn }: { event: string; signedIn: boolean }) {
  const router = useRouter();
  const { pending, error, run } = useAction();
  const [sent, setSent] = useState<string | null>(null);
  const done = () => {
    router.push(`/workspace/events/${event}`);
    router.refresh();
  };
  if (signedIn) {
    return (
      <div className="stack">
        <ErrorText error={error} />
        <div>
          <ClientButton
            type="button"
            disabled={pending}
            onClick={() => void run(async () => (await callApi("POST", `/api/events/${event}/signup`), done()))}
          >
            Join as participant
          </ClientButton>
        </div>
      </div>
    );
  }
  if (sent) {
    return (
      <p className="notice" role="status" data-testid="signup-sent">
        {sent}
      </p>
    );
  }
  return (
    <Form
      className="stack"
      aria-label="Sign up as participant"
      onSubmit={(form) =>
        run(async () => {
          const email = textField(form, "email");
          const password = textField(form, "password");
          const answer = await callApi<{ message: string }>("POST", `/api/events/${event}/signup`, {
            email,
            name: form.get("name"),
            password,
          });
          setSent(answer.message);
        })
      }
    >
      <label>
        Name (shown with your comments)
        <input name="name" required autoComplete="name" />
      </label>
      <label>
        E-mail
        <input name="email" type="email" required autoComplete="email" />
      </label>
      <label>
        Password (at least 10 characters)
        <input name="password" type="password" minLength={10} required autoComplete="new-password" />
      </label>
      <ErrorText error={error} />
      <div>
        <ClientButton type="submit" disabled={pending}>
          Sign up
        </ClientButton>
      </div>
    </Form>
  );
}
