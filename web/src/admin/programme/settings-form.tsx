import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, asTyped, client, unwrap, type BodyOf, type Schemas } from '../../shared/api';
import { ErrorNotice } from '../ui';
import { formatNumber } from '../../shared/format';
import { formatPointValue, fractionDigits, numberText, oneUnit, optionalNumber } from './forms';
import { Saved } from './shared';

type Settings = Schemas['ProgrammeSettings'];
type Key = keyof Settings;

/** Every zone the browser knows, for the time zone field's suggestions (the server checks the value). */
const TIME_ZONES: readonly string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
const CURRENCIES: readonly string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [];

/** A point's worth is stored in thousandths of a minor unit; the admin types it in major units. */
const pointValueText = (milliMinor: number, currency: string) =>
  String(milliMinor / 1000 / 10 ** fractionDigits(currency));

/** "0.01" GBP → 1000 (a penny); '' → null, so the server names the blank field. */
const toMilliMinor = (text: string, currency: string): number | null => {
  if (text.trim() === '') return null;
  const digits = /^[A-Z]{3}$/.test(currency) ? safeDigits(currency) : 2;
  return Math.round(Number(text) * 10 ** digits * 1000);
};

const safeDigits = (currency: string) => {
  try {
    return fractionDigits(currency);
  } catch {
    return 2;
  }
};

/** The server's messages for one field (zod paths are the field names here). */
const issuesFor = (error: unknown, key: Key) =>
  error instanceof ApiError
    ? error.issues.filter((i) => i.path === key || i.path.startsWith(`${key}.`))
    : [];

/**
 * The programme's settings as a form (PATCH /v1/programme). A changed currency or time zone is
 * warned about before it is saved: it changes how new orders earn and how days are counted, not
 * the orders and points already recorded.
 */
export const ProgrammeSettingsForm = ({ settings }: { settings: Settings }) => {
  const queries = useQueryClient();
  const [text, setText] = useState({
    currency: settings.currency,
    pointsPerCurrencyUnit: numberText(settings.pointsPerCurrencyUnit),
    returnWindowDays: numberText(settings.returnWindowDays),
    expiryDays: numberText(settings.expiryDays),
    pointValue: pointValueText(settings.pointValueMilliMinor, settings.currency),
    timeZone: settings.timeZone,
    // Blank: links follow the server's own public URL.
    publicUrl: settings.publicUrl ?? '',
  });
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.PATCH('/v1/programme', {
          body: asTyped<BodyOf<'/v1/programme', 'patch'>>({
            currency: text.currency.trim().toUpperCase(),
            pointsPerCurrencyUnit: optionalNumber(text.pointsPerCurrencyUnit),
            returnWindowDays: optionalNumber(text.returnWindowDays),
            // Blank means "points never expire", which the API says with null.
            expiryDays: optionalNumber(text.expiryDays),
            pointValueMilliMinor: toMilliMinor(text.pointValue, text.currency.trim().toUpperCase()),
            timeZone: text.timeZone.trim(),
            publicUrl: text.publicUrl.trim() === '' ? null : text.publicUrl.trim(),
          }),
        }),
      ),
    onSuccess: (saved) => {
      queries.setQueryData(['programme'], saved);
      // Amounts and days on every page follow the programme's currency and time zone.
      void queries.invalidateQueries({ queryKey: ['analytics'] });
    },
  });

  const currencyChanged = text.currency.trim().toUpperCase() !== settings.currency;
  const zoneChanged = text.timeZone.trim() !== settings.timeZone;

  const field = (key: keyof typeof text, issueKey: Key) => {
    const issues = issuesFor(save.error, issueKey);
    return {
      input: {
        id: `programme-${key}`,
        value: text[key],
        onChange: (e: { target: { value: string } }) =>
          setText((t) => ({ ...t, [key]: e.target.value })),
        'aria-invalid': issues.length > 0 ? ('true' as const) : undefined,
        'aria-describedby': issues.length > 0 ? `programme-${key}-error` : undefined,
      },
      error:
        issues.length > 0 ? (
          <span className="field-error" id={`programme-${key}-error`}>
            {issues.map((i) => i.message).join('; ')}
          </span>
        ) : null,
    };
  };
  const currency = field('currency', 'currency');
  const rate = field('pointsPerCurrencyUnit', 'pointsPerCurrencyUnit');
  const returns = field('returnWindowDays', 'returnWindowDays');
  const expiry = field('expiryDays', 'expiryDays');
  const value = field('pointValue', 'pointValueMilliMinor');
  const zone = field('timeZone', 'timeZone');
  const publicUrl = field('publicUrl', 'publicUrl');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <form onSubmit={onSubmit} noValidate className="prog-settings-form">
      <p className="muted">
        In force: {formatNumber(settings.pointsPerCurrencyUnit)} point(s) per{' '}
        {oneUnit(settings.currency)} spent, one point worth{' '}
        {formatPointValue(settings.pointValueMilliMinor, settings.currency)}, days counted in{' '}
        {settings.timeZone}. Changes apply to orders recorded from now on. Links sent to members
        (referral, survey, unsubscribe) start with{' '}
        {settings.publicUrl ? <code>{settings.publicUrl}</code> : 'the server’s public URL'}.
      </p>
      <div className="prog-form-grid">
        <label>
          Base earn rate (points per whole {settings.currency} spent)
          <input type="number" min={0} max={10000} step={1} {...rate.input} />
          {rate.error}
        </label>
        <label>
          Return window (days points stay pending)
          <input type="number" min={0} max={365} step={1} {...returns.input} />
          {returns.error}
        </label>
        <label>
          Points expire after (days; blank = never)
          <input type="number" min={1} max={3650} step={1} {...expiry.input} />
          {expiry.error}
        </label>
        <label>
          Value of one point (in {text.currency.trim().toUpperCase() || settings.currency})
          <input type="number" min={0} step="any" {...value.input} />
          {value.error}
        </label>
        <label>
          Currency (ISO 4217)
          <input
            type="text"
            list="programme-currencies"
            maxLength={3}
            autoComplete="off"
            {...currency.input}
          />
          {currency.error}
        </label>
        <label>
          Time zone (IANA)
          <input type="text" list="programme-time-zones" autoComplete="off" {...zone.input} />
          {zone.error}
        </label>
        <label className="prog-wide">
          Public URL members reach (blank = the server’s own)
          <input
            type="url"
            placeholder="https://loyalty.shop.example"
            autoComplete="off"
            {...publicUrl.input}
          />
          {publicUrl.error}
        </label>
      </div>
      <datalist id="programme-currencies">
        {CURRENCIES.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <datalist id="programme-time-zones">
        {TIME_ZONES.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      {(currencyChanged || zoneChanged) && (
        <div className="prog-warning" role="note" aria-label="Before you save">
          <strong>Before you save:</strong>
          <ul>
            {currencyChanged && (
              <li>
                The currency changes from {settings.currency} to{' '}
                {text.currency.trim().toUpperCase() || '(blank)'}. Orders and points already
                recorded stay in {settings.currency}; from now on only orders in the new currency
                earn points (orders in {settings.currency} earn nothing), the point value and the
                liability are read in the new currency, and reports add up orders of the new
                currency only.
              </li>
            )}
            {zoneChanged && (
              <li>
                The time zone changes from {settings.timeZone} to{' '}
                {text.timeZone.trim() || '(blank)'}. Times stay stored as they happened; days, weeks
                and months in reports, birthdays and rule time windows are counted in the new zone
                from now on, so a report’s figures near midnight may move to the next or previous
                day.
              </li>
            )}
          </ul>
        </div>
      )}
      {save.error && <ErrorNotice error={save.error} />}
      {save.isSuccess && !save.isPending && <Saved>Programme settings saved.</Saved>}
      <div className="toolbar">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save settings'}
        </button>
      </div>
    </form>
  );
};
