import { useState } from 'react';
import { fill } from './i18n/messages';
import { useI18n } from './i18n';
import type { MemberSummary } from './member-api';

type Referral = NonNullable<MemberSummary['referral']>;

/** The member's invitation link, with the terms and a copy button. */
export const ReferralSection = ({ referral }: { referral: Referral }) => {
  const i18n = useI18n();
  const { t } = i18n;
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(referral.link);
      setCopy('copied');
    } catch {
      // No clipboard (an insecure origin, a refused permission): the field is there to select.
      setCopy('failed');
    }
  };

  return (
    <section className="panel member-panel" aria-labelledby="member-referral-heading">
      <h2 id="member-referral-heading">{t.referralHeading}</h2>
      <p>
        {fill(t.referralTerms, {
          referrer: i18n.points(referral.referrerPoints),
          friend: i18n.points(referral.friendPoints),
        })}
      </p>
      <div className="member-referral">
        <label>
          {t.referralLink}
          <input
            type="text"
            readOnly
            value={referral.link}
            onFocus={(event) => event.currentTarget.select()}
          />
        </label>
        <button type="button" onClick={() => void onCopy()}>
          {t.copy}
        </button>
      </div>
      <p role="status" className={`member-copy-status ${copy === 'failed' ? 'bad' : 'good'}`}>
        {copy === 'copied' ? t.copied : copy === 'failed' ? t.copyFailed : ''}
      </p>
      <p>
        {t.referralCode}: <strong className="member-code">{referral.code}</strong>
      </p>
    </section>
  );
};
