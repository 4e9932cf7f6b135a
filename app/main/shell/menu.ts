import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';

/** The application menu; screen shortcuts match the renderer's (Ctrl+1…7), F5 syncs. */
export function buildMenu(window: BrowserWindow, onSync: () => void): Menu {
  const go = (key: string) => () =>
    window.webContents.sendInputEvent({ type: 'keyDown', keyCode: key, modifiers: ['control'] });
  const template: MenuItemConstructorOptions[] = [
    { label: 'File', submenu: [{ role: 'quit' }] },
    {
      label: 'Go',
      submenu: [
        { label: 'Dashboard', accelerator: 'CmdOrCtrl+1', click: go('1') },
        { label: 'Collections', accelerator: 'CmdOrCtrl+2', click: go('2') },
        { label: 'Suppliers', accelerator: 'CmdOrCtrl+3', click: go('3') },
        { label: 'Payments', accelerator: 'CmdOrCtrl+4', click: go('4') },
        { label: 'Products & rates', accelerator: 'CmdOrCtrl+5', click: go('5') },
        { label: 'Sync', accelerator: 'CmdOrCtrl+6', click: go('6') },
        { label: 'Settings', accelerator: 'CmdOrCtrl+7', click: go('7') },
      ],
    },
    { label: 'Sync', submenu: [{ label: 'Sync now', accelerator: 'F5', click: onSync }] },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
