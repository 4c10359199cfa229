import { useEffect, useRef, useState } from 'react';
import { SHORTCUTS, useShortcuts } from './shortcuts';

/** The `?` overlay: every keyboard shortcut by screen. Escape or `?` closes it. */
export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useShortcuts({ '?': () => setOpen(true) });
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      className="shortcuts-help"
      aria-labelledby="shortcuts-title"
      onClose={() => setOpen(false)}
      onKeyDown={(e) => {
        if (e.key === '?') setOpen(false);
      }}
    >
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      {SHORTCUTS.map((group) => (
        <section key={group.screen}>
          <h3>{group.screen}</h3>
          <dl className="shortcut-list">
            {group.keys.map((s) => (
              <div key={s.key}>
                <dt>
                  <kbd>{s.key}</kbd>
                </dt>
                <dd>{s.does}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <form method="dialog">
        <button type="submit" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
