"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { callApi } from "@/components/ui/api";
import { useHydrated } from "@/components/ui/hydrated";
import { LOCALES, LOCALE_NAMES, isLocale } from "@/lib/i18n/locales";

/**
 * The interface language, on every page. Each language is named in itself and
 * marked with its own `lang`, so a screen reader says it in that language. The
 * page re-renders in place: what was typed in a form stays.
 */
export function LocaleSwitcher() {
  const t = useTranslations("language");
  const locale = useLocale();
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();

  async function choose(value: string) {
    if (!isLocale(value) || value === locale) return;
    setError(null);
    try {
      await callApi("PUT", "/api/locale", { locale: value });
    } catch {
      setError(t("failed"));
      return;
    }
    startTransition(() => router.refresh());
  }

  return (
    <label className="locale-switcher">
      <span className="visually-hidden">{t("label")}</span>
      <select
        value={locale}
        disabled={!hydrated || pending}
        onChange={(event) => void choose(event.target.value)}
        aria-describedby={error ? errorId : undefined}
        data-testid="locale-switcher"
      >
        {LOCALES.map((tag) => (
          <option key={tag} value={tag} lang={tag}>
            {LOCALE_NAMES[tag]}
          </option>
        ))}
      </select>
      {error && (
        <span id={errorId} role="alert" className="small error-text">
          {error}
        </span>
      )}
    </label>
  );
}
