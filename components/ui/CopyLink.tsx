"use client";

import { ClientButton } from "@/components/ui/ClientButton";
import { useState } from "react";
import { copyToClipboard } from "./clipboard";
import { useTranslations } from "next-intl";

/** A link to hand over by hand (invitations, password resets), with a copy button. */
export function CopyLink({ label, url }: { label: string; url: string }) {
  const t = useTranslations("common");
  const [copied, setCopied] = useState(false);
  return (
    <div className="stack" data-testid="copy-link">
      <span>{label}</span>
      <code className="copy">{url}</code>
      <div>
        <ClientButton type="button" className="secondary" onClick={() => void copyToClipboard(url).then(() => setCopied(true))}>
          {copied ? t("copied") : t("copyLink")}
        </ClientButton>
      </div>
    </div>
  );
}
