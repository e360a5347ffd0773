import { useEffect } from 'react';

export function App() {
  useEffect(() => {
    document.documentElement.dataset.appState = 'ready';
  }, []);
  return (
    <div className="app-frame">
      <nav className="sidebar" aria-label="Servers">
        <h1>CDS Companion</h1>
      </nav>
      <main className="main-area">
        <p>No Servers yet.</p>
      </main>
    </div>
  );
}
