// Copying text: the async Clipboard API when the page may use it, else the
// old execCommand('copy') on a selected text field; when both fail the
// caller leaves the text selected for the user to copy by hand.

export async function clipboardWrite(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false; // refused: no permission, an insecure origin, a frame without clipboard-write
  }
}

/** Select the field's text and try the synchronous copy command. */
export function selectAndCopy(field: HTMLInputElement | HTMLTextAreaElement): boolean {
  field.focus();
  field.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}
