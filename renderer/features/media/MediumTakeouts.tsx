import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Medium, Takeout } from '../../../db/contract';
import { useApi } from '../../api';
import { useCan, useSession } from '../../appContext';
import { FormFailure } from '../../components/forms';
import { useSubmit } from '../../components/useSubmit';
import { TakeoutApproveDialog, TakeoutRefuseDialog, TakeoutRequestDialog, TakeoutReturnDialog } from './TakeoutDialogs';
import { TakeoutTable } from './TakeoutTable';

interface MediumTakeoutsProps {
  medium: Medium;
  /** Newest first, as media.get returns them. */
  takeouts: Takeout[];
  onChanged(message: string): void;
}

type Dialog = 'request' | 'approve' | 'refuse' | 'return' | null;

/** Still running: waiting for a decision, approved and not yet out, or out. */
const isActive = (tk: Takeout) => tk.status === 'requested' || tk.status === 'approved' || tk.status === 'out';

/** 持出し of one medium: the running one with what may be done next, a new request, and every take-out so far. */
export function MediumTakeouts({ medium, takeouts, onChanged }: MediumTakeoutsProps) {
  const { t } = useTranslation();
  const can = useCan();
  const headingId = useId();
  const [dialog, setDialog] = useState<Dialog>(null);
  const active = takeouts.find(isActive);
  // A medium leaves only from storage, one take-out at a time (main says the same).
  const mayRequest = can('media.request') && medium.status === 'in_storage' && !active;
  const done = (message: string) => {
    setDialog(null);
    onChanged(message);
  };
  const props = { medium, onClose: () => setDialog(null), onDone: done };
  return (
    <section className="subpanel" aria-labelledby={headingId} data-testid="medium-takeouts">
      <h2 id={headingId}>{t('mediaTakeout.sectionTitle')}</h2>
      {mayRequest && (
        <div className="toolbar">
          <button type="button" className="button-primary" onClick={() => setDialog('request')} data-testid="takeout-request">
            {t('mediaTakeout.request')}
          </button>
        </div>
      )}
      {active && <ActiveTakeout takeout={active} onDialog={setDialog} onChanged={onChanged} />}
      <TakeoutTable rows={takeouts} emptyText={t('mediaTakeout.none')} testId="medium-takeout-table" />
      {dialog === 'request' && <TakeoutRequestDialog {...props} />}
      {dialog === 'approve' && active && <TakeoutApproveDialog {...props} takeout={active} />}
      {dialog === 'refuse' && active && <TakeoutRefuseDialog {...props} takeout={active} />}
      {dialog === 'return' && active && <TakeoutReturnDialog {...props} takeout={active} />}
    </section>
  );
}

interface ActiveTakeoutProps {
  takeout: Takeout;
  onDialog(dialog: Dialog): void;
  onChanged(message: string): void;
}

/** The buttons of the running take-out's next step; who may press them is main's to decide, the screen only hides what cannot apply. */
function ActiveTakeout({ takeout, onDialog, onChanged }: ActiveTakeoutProps) {
  const { t } = useTranslation();
  const can = useCan();
  const api = useApi();
  const action = useSubmit();
  const { session } = useSession();
  // Separation of duties (MIC §12-2): the requester never decides their own request.
  const own = takeout.requestedBy === session.userId;
  const decide = takeout.status === 'requested' && can('media.approve');
  const checkOut = () => action.run(() => api('media.takeout.checkOut', { takeoutId: takeout.id }), () => onChanged(t('mediaTakeout.checkedOut')));
  const cancel = () => action.run(() => api('media.takeout.cancel', { takeoutId: takeout.id }), () => onChanged(t('mediaTakeout.cancelled')));
  return (
    <div className="toolbar toolbar-wrap" data-testid="takeout-active">
      <FormFailure failure={action.failure} />
      <div className="toolbar-group">
        {decide && (
          <>
            <button type="button" className="button-primary" onClick={() => onDialog('approve')} disabled={own} aria-describedby={own ? 'takeout-own-why' : undefined} data-testid="takeout-approve">
              {t('mediaTakeout.approve')}
            </button>
            <button type="button" className="button-danger" onClick={() => onDialog('refuse')} disabled={own} aria-describedby={own ? 'takeout-own-why' : undefined} data-testid="takeout-refuse">
              {t('mediaTakeout.refuse')}
            </button>
          </>
        )}
        {takeout.status === 'approved' && can('media.request') && (
          <button type="button" className="button-primary" onClick={() => void checkOut()} disabled={action.busy} data-testid="takeout-checkout">
            {t('mediaTakeout.checkOut')}
          </button>
        )}
        {takeout.status === 'out' && can('media.request') && (
          <button type="button" className="button-primary" onClick={() => onDialog('return')} data-testid="takeout-return">
            {t('mediaTakeout.returnAction')}
          </button>
        )}
        {(takeout.status === 'requested' || takeout.status === 'approved') && can('media.request') && (
          <button type="button" onClick={() => void cancel()} disabled={action.busy} data-testid="takeout-cancel">
            {t('mediaTakeout.cancel')}
          </button>
        )}
      </div>
      {decide && own && (
        <p className="field-hint" id="takeout-own-why">
          {t('mediaTakeout.ownRequest')}
        </p>
      )}
      {takeout.status === 'requested' && !can('media.approve') && <p className="field-hint">{t('mediaTakeout.needsManager')}</p>}
    </div>
  );
}
