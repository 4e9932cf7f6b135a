// Electron entry: everything here is wiring; the work is in ./shell (Electron) and ./core (plain Node).
import { startShell } from './shell/start-shell';

void startShell();
