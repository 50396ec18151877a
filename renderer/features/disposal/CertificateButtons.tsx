import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Disposal } from '../../../db/contract/disposal';
import { useApi } from '../../api';
import { useCan } from '../../appContext';
import { OutputNotice, printOutcome, useOutput } from '../../components/output';

/**
 * 証明書を印刷 / PDFで保存 of an approved (or since corrected) record (issue #11 item 5), for those
 * who print certificates (domain.md Roles: the manager). The first print is the original; main
 * marks every later one 再発行 with its day, and the screen says so before it happens.
 */
export function CertificateButtons({ disposal }: { disposal: Disposal }) {
  const { t } = useTranslation();
  const api = useApi();
  const can = useCan();
  const output = useOutput();
  // Prints made while this record stays open (the detail is not reloaded after a print).
  const [printedHere, setPrintedHere] = useState(0);
  const [reissued, setReissued] = useState(false);
  if ((disposal.status !== 'approved' && disposal.status !== 'amended') || !can('disposal.print')) return null;
  const prints = disposal.certificatePrints + printedHere;

  const print = (target: 'printer' | 'pdf') =>
    output.run(async () => {
      const r = await api('disposal.printCertificate', { disposalId: disposal.id, target });
      if (r.ok && (target === 'printer' || r.data.savedTo)) {
        setPrintedHere((n) => n + 1);
        setReissued(r.data.reissue);
      }
      return printOutcome(r, target);
    });

  return (
    <div className="certificate-buttons" data-testid="certificate-buttons">
      <div className="toolbar-group">
        <button type="button" onClick={() => void print('printer')} disabled={output.busy} data-testid="certificate-print">
          {t('disposalVerify.certificate.print')}
        </button>
        <button type="button" onClick={() => void print('pdf')} disabled={output.busy} data-testid="certificate-pdf">
          {t('disposalVerify.certificate.pdf')}
        </button>
      </div>
      {prints > 0 && (
        <p className="field-hint" data-testid="certificate-reissue-next">
          {t('disposalVerify.certificate.reissueNext', { count: prints })}
        </p>
      )}
      {reissued && output.result && output.result.kind !== 'failed' && output.result.kind !== 'notSaved' && <p className="muted">{t('disposalVerify.certificate.printedReissue')}</p>}
      <OutputNotice result={output.result} testId="certificate-output" />
    </div>
  );
}
