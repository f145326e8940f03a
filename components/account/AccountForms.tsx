"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { callApi, useAction } from "@/components/ui/api";
import { ErrorText } from "@/components/ui/ErrorText";
import { clearOfflineCopies } from "@/components/draft-editor/offline";
import { ClientButton } from "@/components/ui/ClientButton";
import { Form } from "@/components/ui/Form";

export function ChangePasswordForm() {
  const { pending, error, run } = useAction();
  const [done, setDone] = useState(false);
  return (
    <Form
      className="stack"
      aria-label="Change password"
      onSubmit={(form) =>
        run(async () => {
          setDone(false);
          if (form.get("newPassword") !== form.get("repeat")) throw new Error("The two new passwords differ.");
          await callApi("POST", "/api/account/password", {
            currentPassword: form.get("currentPassword"),
            newPassword: form.get("newPassword"),
          });
          setDone(true);
        })
      }
    >
      <label>
        Current password
        <input name="currentPassword" type="password" autoComplete="current-password" required />
      </label>
      <label>
        New password (at least 10 characters)
        <input name="newPassword" type="password" autoComplete="new-password" minLength={10} required />
      </label>
      <label>
        New password again
        <input name="repeat" type="password" autoComplete="new-password" minLength={10} required />
      </label>
      <ErrorText error={error} />
      {done && <p className="success">Password changed. You stay signed in here; every other session has ended.</p>}
      <div>
        <ClientButton type="submit" disabled={pending}>
          Change password
        </ClientButton>
      </div>
    </Form>
  );
}

export function SignOutEverywhereButton() {
  const { pending, error, run } = useAction();
  return (
    <div className="stack">
      <div>
        <ClientButton
          type="button"
          className="danger"
          disabled={pending}
          onClick={() => {
            if (!window.confirm("Sign out on every device, this one included?")) return;
            void run(async () => {
              await callApi("POST", "/api/account/sign-out-everywhere");
              await clearOfflineCopies();
              await signOut({ callbackUrl: "/signin" });
            });
          }}
        >
          Sign out everywhere
        </ClientButton>
      </div>
      <ErrorText error={error} />
    </div>
  );
}
