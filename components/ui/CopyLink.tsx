"use client";

import { ClientButton } from "@/components/ui/ClientButton";
import { useState } from "react";
import { copyToClipboard } from "./clipboard";

/** A link to hand over by hand (invitations, password resets), with a copy button. */
export function CopyLink({ label, url }: { label: string; url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="stack" data-testid="copy-link">
      <span>{label}</span>
      <code className="copy">{url}</code>
      <div>
        <ClientButton type="button" className="secondary" onClick={() => void copyToClipboard(url).then(() => setCopied(true))}>
          {copied ? "Copied" : "Copy link"}
        </ClientButton>
      </div>
    </div>
  );
}
