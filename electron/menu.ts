import { app, Menu, type MenuItemConstructorOptions } from 'electron';

/**
 * A small Japanese menu. It keeps the edit shortcuts (Ctrl+C / Ctrl+V …) and zoom, which
 * clerks use, and leaves out Reload and DevTools in a packaged build: a reload would drop
 * the session mid-task, and DevTools would reach the backend outside the UI's flows.
 */
export function installApplicationMenu(): void {
  const developer: MenuItemConstructorOptions[] = app.isPackaged
    ? []
    : [{ type: 'separator' }, { role: 'reload', label: '再読み込み（開発用）' }, { role: 'toggleDevTools', label: '開発者ツール（開発用）' }];
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { label: 'ファイル', submenu: [{ role: 'quit', label: '終了' }] },
    {
      label: '編集',
      submenu: [
        { role: 'undo', label: '元に戻す' },
        { role: 'redo', label: 'やり直し' },
        { type: 'separator' },
        { role: 'cut', label: '切り取り' },
        { role: 'copy', label: 'コピー' },
        { role: 'paste', label: '貼り付け' },
        { role: 'selectAll', label: 'すべて選択' },
      ],
    },
    {
      label: '表示',
      submenu: [
        { role: 'zoomIn', label: '拡大' },
        { role: 'zoomOut', label: '縮小' },
        { role: 'resetZoom', label: '実際のサイズ' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: '全画面表示' },
        ...developer,
      ],
    },
    { label: 'ヘルプ', submenu: [{ role: 'about', label: 'バージョン情報' }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
