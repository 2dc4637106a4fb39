/**
 * The page: header with status; the cluster graph as the main area; below it the YAML pane and
 * the terminal side by side (everything stacked on narrow screens).
 */
import { Header } from '../views/Header.tsx';
import { YamlPane } from '../views/editor/YamlPane.tsx';
import { ClusterGraph } from '../views/graph/ClusterGraph.tsx';
import { TerminalPane } from '../views/terminal/TerminalPane.tsx';
import { TimelineBar } from '../views/timeline/TimelineBar.tsx';
import { Banners } from '../views/scenarios/Banners.tsx';
import { LessonCard } from '../views/scenarios/LessonCard.tsx';
import { installTheme } from '../views/theme.ts';

// Before the first render, so the page never flashes the other theme.
installTheme();

export function App() {
  return (
    <div className="app">
      <Header />
      <TimelineBar />
      <div className="app-messages">
        <Banners />
        <LessonCard />
      </div>
      <main className="workspace">
        <ClusterGraph />
        <div className="workbench">
          <YamlPane />
          <TerminalPane />
        </div>
      </main>
    </div>
  );
}
