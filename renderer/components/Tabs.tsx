import { type KeyboardEvent } from 'react';

interface TabsProps<K extends string> {
  tabs: { key: K; label: string }[];
  current: K;
  onChange(key: NoInfer<K>): void;
  label: string;
}

/** A row of tabs; ←/→ move between them as in any desktop tab strip. */
export function Tabs<K extends string>({ tabs, current, onChange, label }: TabsProps<K>) {
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const i = tabs.findIndex((tab) => tab.key === current);
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    if (next) {
      onChange(next.key);
      const el = e.currentTarget.querySelector<HTMLButtonElement>(`[data-tab="${next.key}"]`);
      el?.focus();
    }
  }
  return (
    <div className="tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.key}
          type="button"
          role="tab"
          data-tab={tab.key}
          aria-selected={tab.key === current}
          tabIndex={tab.key === current ? 0 : -1}
          className={tab.key === current ? 'tab tab-current' : 'tab'}
          onClick={() => onChange(tab.key)}
          data-testid={`tab-${tab.key}`}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
