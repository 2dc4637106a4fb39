/** The page: header with status, the YAML pane and the terminal side by side (stacked on narrow screens). */
import { Header } from '../views/Header.tsx';
import { YamlPane } from '../views/editor/YamlPane.tsx';
import { TerminalPane } from '../views/terminal/TerminalPane.tsx';

export function App() {
  return (
    <div className="app">
      <Header />
      <main className="workspace">
        <YamlPane />
        <TerminalPane />
      </main>
    </div>
  );
}
