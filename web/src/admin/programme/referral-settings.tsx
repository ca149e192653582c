import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { asTyped, client, unwrap, type BodyOf } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { ErrorNotice } from '../ui';
import { fromMinor, moneyStep, numberText, optionalNumber, toMinor } from './forms';
import { Saved } from './shared';
import type { ReferralSettings } from './types';

/** The referral terms as a form; PUT /v1/referrals/settings replaces them all. */
export const ReferralSettingsForm = ({ settings }: { settings: ReferralSettings }) => {
  const queries = useQueryClient();
  const { currency } = settings;
  const [enabled, setEnabled] = useState(settings.enabled);
  const [text, setText] = useState({
    referrerPoints: numberText(settings.referrerPoints),
    friendPoints: numberText(settings.friendPoints),
    minOrder: fromMinor(settings.minOrderMinor, currency),
    maxConversions: numberText(settings.maxConversionsPerReferrer),
    // The default base is the server's own URL: blank keeps it following that.
    linkBaseUrl: settings.linkBaseUrlIsDefault ? '' : settings.linkBaseUrl,
  });
  const field = (key: keyof typeof text) => ({
    value: text[key],
    onChange: (e: { target: { value: string } }) =>
      setText((t) => ({ ...t, [key]: e.target.value })),
  });
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.PUT('/v1/referrals/settings', {
          body: asTyped<BodyOf<'/v1/referrals/settings', 'put'>>({
            enabled,
            referrerPoints: optionalNumber(text.referrerPoints),
            friendPoints: optionalNumber(text.friendPoints),
            minOrderMinor: toMinor(text.minOrder, currency),
            maxConversionsPerReferrer: optionalNumber(text.maxConversions),
            linkBaseUrl: text.linkBaseUrl.trim() === '' ? null : text.linkBaseUrl.trim(),
          }),
        }),
      ),
    onSuccess: (saved) => queries.setQueryData(['referral-settings'], saved),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <p className="muted">
        A member shares a link; a friend’s first order of at least the minimum converts it and
        rewards both. Links now look like <code>{settings.linkBaseUrl}/r/CODE</code>
        {settings.updatedAt && <> · last changed {formatDateTime(settings.updatedAt)}</>}.
      </p>
      <label className="prog-inline">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        Referrals enabled
      </label>
      <div className="prog-form-grid">
        <label>
          Points for the referrer
          <input type="number" min={0} {...field('referrerPoints')} />
        </label>
        <label>
          Points for the friend
          <input type="number" min={0} {...field('friendPoints')} />
        </label>
        <label>
          Smallest converting order ({currency})
          <input type="number" min={0} step={moneyStep(currency)} {...field('minOrder')} />
        </label>
        <label>
          Paid conversions per referrer a year (blank = no cap)
          <input type="number" min={1} {...field('maxConversions')} />
        </label>
        <label>
          Link base URL (blank = the programme’s public URL)
          <input type="url" {...field('linkBaseUrl')} placeholder="https://shop.example" />
        </label>
      </div>
      {save.error && <ErrorNotice error={save.error} />}
      {save.isSuccess && <Saved>Referral settings saved.</Saved>}
      <div className="toolbar">
        <button type="submit" disabled={save.isPending}>
          Save referral settings
        </button>
      </div>
    </form>
  );
};
