import { useEffect, useId, useRef, useState } from 'react';

type MermaidApi = typeof import('mermaid').default;
let loading: Promise<MermaidApi> | undefined;

/** Mermaid, loaded on first use (it is large) and set up once: strict, no scripts in labels. */
function mermaidApi(): Promise<MermaidApi> {
  loading ??= import('mermaid').then(({ default: mermaid }) => {
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      theme: 'neutral',
      fontFamily: 'system-ui, sans-serif',
      state: { useMaxWidth: true },
    });
    return mermaid;
  });
  return loading;
}

// Mermaid renders into the document; one render at a time keeps their scratch nodes apart.
let queue: Promise<unknown> = Promise.resolve();

/** One statechart drawn by Mermaid from its definition (text generated from the machine). */
export function MermaidChart({ definition, label }: { definition: string; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const id = `chart-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let current = true;
    const render = queue.then(async () => {
      const mermaid = await mermaidApi();
      const { svg } = await mermaid.render(id, definition);
      if (current && ref.current) ref.current.innerHTML = svg;
    });
    queue = render.catch(() => undefined);
    render.catch(() => current && setFailed(true));
    return () => {
      current = false;
    };
  }, [definition, id]);
  return (
    <div className="chart" data-testid={`chart-${label}`}>
      {failed ? <p className="error">The chart could not be drawn.</p> : null}
      <div ref={ref} className="chart-svg" />
    </div>
  );
}
