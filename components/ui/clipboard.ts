/** Copies text to the clipboard where the browser allows it; a refusal leaves the text on screen to copy by hand. */
export async function copyToClipboard(text: string): Promise<void> {
  await navigator.clipboard?.writeText(text).catch(() => {});
}
