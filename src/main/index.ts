// Electron entry. All the app's wiring lives in ./electron (the only code that imports electron);
// the service is the Electron-free Companion behind a small adapter.
import { startDesktopApp } from './electron/desktop-app';
import { createCompanionServiceFactory } from './electron/service-factory';

startDesktopApp({ createService: createCompanionServiceFactory() });
