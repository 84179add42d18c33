/**
 * The shortcuts every screen shares (UI.md): Ctrl/Cmd+Enter runs, Esc stops. Each action
 * says whether it acted; a key it did not act on keeps its default behaviour.
 */
export function runStopKeys(actions: {
  run: () => boolean;
  stop: () => boolean;
}): (e: KeyboardEvent) => void {
  return (e) => {
    const runKey = e.key === 'Enter' && (e.ctrlKey || e.metaKey);
    const acted = runKey ? actions.run() : e.key === 'Escape' ? actions.stop() : false;
    if (acted) e.preventDefault();
  };
}
