// The keys' one-line meanings on the page (src/sim/scenario/key-help.ts),
// fetched after the first paint so that the first visit does not carry them:
// until they arrive a control has its label and no tooltip.

let help: Readonly<Record<string, string>> | null = $state.raw(null);
let loading: Promise<void> | null = null;

/** Fetch the meanings (once); controls call it when they mount. */
export function loadKeyHelp(): Promise<void> {
  loading ??= import('../../sim/scenario/key-help').then((m) => {
    help = m.KEY_HELP;
  });
  return loading;
}

/** A key's meaning, '' until fetched (reactive: controls update when it arrives). */
export function keyHelp(key: string): string {
  return help?.[key] ?? '';
}
