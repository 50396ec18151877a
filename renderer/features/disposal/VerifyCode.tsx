import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CodeCheck, CodeOutcome } from '../../../db/contract/disposalOutput';
import { useApi } from '../../api';
import { useFormat } from '../../appContext';
import { FormFailure } from '../../components/forms';
import { useSubmit } from '../../components/useSubmit';

/**
 * 証明書の照合 (issue #11 item 6): the verification code of a paper 廃棄・消去証明書, typed or read
 * by a USB barcode/QR reader (which types the code and Enter), checked by main against the
 * ledger. The field keeps the focus and is emptied after each check, so the next certificate
 * is read straight away; the outcome stays on screen in one plain sentence.
 */
export function VerifyCode({ onOpen }: { onOpen: (disposalId: number) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const submit = useSubmit();
  const input = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [check, setCheck] = useState<CodeCheck | null>(null);

  useEffect(() => input.current?.focus(), []);

  const verify = async () => {
    setCheck(null);
    await submit.run(() => api('disposal.verifyCode', { code }), setCheck);
    setCode('');
    input.current?.focus();
  };

  return (
    <div className="verify-code" data-testid="verify-code">
      <h2>{t('disposalVerify.title')}</h2>
      <p>{t('disposalVerify.intro')}</p>
      <form className="verify-code-form" onSubmit={(e) => {
          e.preventDefault();
          void verify();
        }} noValidate>
        <div className="field">
          <div className="field-label">
            <label htmlFor="verify-code-input">{t('disposalVerify.codeLabel')}</label>
          </div>
          <input
            id="verify-code-input"
            ref={input}
            className="monospace verify-code-input"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            maxLength={100}
            aria-describedby="verify-code-input-hint"
            data-testid="verify-code-input"
          />
          <p className="field-hint" id="verify-code-input-hint">
            {t('disposalVerify.codeHint')}
          </p>
        </div>
        <button type="submit" className="button-primary" disabled={submit.busy || code.trim() === ''} data-testid="verify-code-submit">
          {submit.busy ? t('disposalVerify.checking') : t('disposalVerify.check')}
        </button>
      </form>
      <FormFailure failure={submit.failure} />
      {check && <CheckOutcome check={check} onOpen={onOpen} />}
    </div>
  );
}

/** Outcomes that say the paper can be trusted; the rest ask the reader to look again or to tell the manager. */
const alertClass: Record<CodeOutcome, string> = {
  valid: 'alert-ok',
  amended: 'alert-warning',
  altered: 'alert-error',
  otherOrganization: 'alert-warning',
  malformed: 'alert-warning',
  notFound: 'alert-error',
  forged: 'alert-error',
};

function CheckOutcome({ check, onOpen }: { check: CodeCheck; onOpen: (disposalId: number) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className={`alert ${alertClass[check.outcome]} verify-outcome`} role="status" data-testid="verify-outcome" data-outcome={check.outcome}>
      <p className="verify-outcome-sentence" data-testid="verify-outcome-sentence">
        {t(`disposalVerify.outcome.${check.outcome}`)}
      </p>
      <p className="monospace muted">{t('disposalVerify.checkedCode', { code: check.code })}</p>
      {check.certificateNo && (
        <dl className="verify-facts">
          <dt>{t('disposalVerify.certificateNo')}</dt>
          <dd className="monospace" data-testid="verify-certificate-no">
            {check.certificateNo}
          </dd>
          {check.approvedAt && (
            <>
              <dt>{t('disposalVerify.approvedAt')}</dt>
              <dd data-testid="verify-approved-at">{fmt.day(check.approvedAt)}</dd>
            </>
          )}
        </dl>
      )}
      {check.amendedBy && <p data-testid="verify-amended-by">{t('disposalVerify.amendedBy', { certificateNo: check.amendedBy.certificateNo, date: fmt.day(check.amendedBy.approvedAt) })}</p>}
      <OpenButtons check={check} onOpen={onOpen} />
    </div>
  );
}

/** The record behind the code, and its correction; a record of a 課等 the reader may not see is named, not opened (MIC §9). */
function OpenButtons({ check, onOpen }: { check: CodeCheck; onOpen: (disposalId: number) => void }) {
  const { t } = useTranslation();
  if (check.disposalId === null) return null;
  if (check.hidden) return <p data-testid="verify-hidden">{t('disposalVerify.hidden')}</p>;
  const original = check.disposalId;
  const amendment = check.amendedBy;
  return (
    <div className="toolbar-group">
      <button type="button" onClick={() => onOpen(original)} data-testid="verify-open">
        {amendment ? t('disposalVerify.openOriginal') : t('disposalVerify.open')}
      </button>
      {amendment && (
        <button type="button" onClick={() => onOpen(amendment.id)} data-testid="verify-open-amendment">
          {t('disposalVerify.openAmendment')}
        </button>
      )}
    </div>
  );
}
