import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The screen's heading. It takes the focus when the screen opens, so keyboard and
 * screen-reader users start at the top of what changed (the app never reloads the page).
 */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Account Ops console`;
    ref.current?.focus();
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
