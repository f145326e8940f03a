"use client";

import Link from "next/link";
import { useState } from "react";
import { callApi, useAction } from "@/components/ui/api";
import { ClientButton } from "@/components/ui/ClientButton";
import { ErrorText } from "@/components/ui/ErrorText";

export function ConfirmAddress({ token, email, eventName }: { token: string; email: string; eventName: string | null }) {
  const { pending, error, run } = useAction();
  const [done, setDone] = useState(false);
  if (done) {
    return (
      <p className="success" role="status">
        Your address is confirmed{eventName ? ` and you have joined ${eventName} as a participant` : ""}.{" "}
        <Link href={`/signin?email=${encodeURIComponent(email)}`}>Sign in</Link>
      </p>
    );
  }
  return (
    <div className="stack">
      <p>
        Confirm that <strong>{email}</strong> is your address
        {eventName ? ` to finish signing up for ${eventName}` : ""}.
      </p>
      <ErrorText error={error} />
      <div>
        <ClientButton
          type="button"
          disabled={pending}
          onClick={() =>
            void run(async () => {
              await callApi("POST", `/api/verifications/${token}`);
              setDone(true);
            })
          }
        >
          Confirm my address
        </ClientButton>
      </div>
    </div>
  );
}
