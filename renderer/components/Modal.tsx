import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const firstField = '.modal-body :is(input:not([type="hidden"]), select, textarea, button):not(:disabled)';

interface ModalProps {
  title: string;
  /** Absent for a dialog that must be finished, not dismissed (a recovery key shown once). */
  onClose?: () => void;
  children: ReactNode;
  testId?: string;
  wide?: boolean;
}

/**
 * A native modal <dialog>: the browser makes the rest of the page inert, keeps Tab inside,
 * and Esc fires `cancel`, which we turn into onClose so React stays the owner of the state.
 */
export function Modal({ title, onClose, children, testId, wide }: ModalProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    // WCAG 2.4.3: closing gives the focus back to what opened the dialog. React removes the
    // <dialog> before this cleanup runs, so the browser's own restore never happens and the
    // focus falls to <body> (a keyboard user starts over from the top of the page).
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) {
      dialog.showModal();
      // showModal() focuses the first focusable element, which is the × button; the user
      // wants the first field (React's autoFocus renders no attribute the dialog could see).
      dialog.querySelector<HTMLElement>(firstField)?.focus();
    }
    return () => {
      dialog?.close();
      if (document.activeElement !== null && document.activeElement !== document.body) return;
      // A submit button disabled while busy lost the focus before a prompt opened over its
      // dialog: then the dialog still open beneath takes it back.
      if (opener?.isConnected && opener !== document.body && !opener.matches(':disabled')) opener.focus();
      else Array.from(document.querySelectorAll('dialog[open]')).at(-1)?.querySelector<HTMLElement>(firstField)?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`modal${wide ? ' modal-wide' : ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose?.();
      }}
    >
      <div className="modal-header">
        <h2 id={titleId}>{title}</h2>
        {onClose && (
          <button type="button" className="button-icon" onClick={onClose} aria-label={t('common.close')}>
            ×
          </button>
        )}
      </div>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}
