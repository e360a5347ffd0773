// Electron entry. All the app's wiring lives in ./electron (the only code that imports electron).
import { startDesktopApp } from './electron/desktop-app';

startDesktopApp();
