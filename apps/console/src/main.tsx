import mermaid from 'mermaid';
import { createRoot } from 'react-dom/client';
import statecharts from 'virtual:statecharts';

function App() {
  return <pre>{statecharts.refund}</pre>;
}
void mermaid;
createRoot(document.getElementById('root')!).render(<App />);
