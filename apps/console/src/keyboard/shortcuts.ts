import { useEffect, useRef } from 'react';

/** A single-key shortcut and what it does, for the help overlay (`?`). */
export interface Shortcut {
  readonly key: string;
  readonly does: string;
}

/** Every shortcut of the console, by screen, as the help overlay lists them. */
export const SHORTCUTS: readonly { readonly screen: string; readonly keys: readonly Shortcut[] }[] =
  [
    {
      screen: 'Everywhere',
      keys: [{ key: '?', does: 'Show or hide this list' }],
    },
    {
      screen: 'Approval queue',
      keys: [
        { key: 'j', does: 'Next refund in the list' },
        { key: 'k', does: 'Previous refund in the list' },
        { key: 'Enter', does: 'Open the refund' },
      ],
    },
    {
      screen: 'A refund',
      keys: [
        { key: 'a', does: 'Approve & next' },
        { key: 'r', does: 'Reject & next (choose the reason, then Enter)' },
        { key: 'j', does: 'Next refund, without deciding' },
        { key: 'k', does: 'Previous refund' },
        { key: 'u', does: 'Back to the queue' },
      ],
    },
  ];

/** Whether a key press belongs to a field, a dialog or a modified chord, not to a shortcut. */
export function isTyping(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return true;
  const target = event.target as HTMLElement | null;
  if (!target || typeof target.closest !== 'function') return false;
  return (
    !!target.closest('input, textarea, select, [contenteditable="true"], dialog[open]') ||
    !!document.querySelector('dialog[open]')
  );
}

/**
 * Single-key shortcuts while the screen is shown: `handlers[key]` runs on that key unless
 * the person is typing into a field or a dialog is open. The latest handlers are used, so
 * callers need not memoise them.
 */
export function useShortcuts(handlers: Readonly<Record<string, () => void>>): void {
  const current = useRef(handlers);
  useEffect(() => {
    current.current = handlers;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat || isTyping(event)) return;
      const run = current.current[event.key];
      if (!run) return;
      event.preventDefault();
      run();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
