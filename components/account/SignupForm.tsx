"use client";

import { Form, textField } from "@/components/ui/Form";
import { ClientButton } from "@/components/ui/ClientButton";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { callApi, useAction } from "@/components/ui/api";
import { ErrorText } from "@/components/ui/ErrorText";

export function SignupForm({ event, signedIn }: { event: string; signedIn: boolean }) {
  const router = useRouter();
  const { pending, error, run } = useAction();
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
  return (
    <Form
      className="stack"
      aria-label="Sign up as participant"
      onSubmit={(form) =>
        run(async () => {
          const email = textField(form, "email");
          const password = textField(form, "password");
          await callApi("POST", `/api/events/${event}/signup`, { email, name: form.get("name"), password });
          await signIn("credentials", { email, password, redirect: false });
          done();
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
