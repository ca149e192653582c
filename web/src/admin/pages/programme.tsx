import { NavLink, Route, Routes } from 'react-router';
import { PageTitle } from '../ui';
import { ApiKeysSection } from '../programme/api-keys';
import { CouponsSection } from '../programme/coupons';
import { ReferralsSection } from '../programme/referrals';
import { RewardsSection } from '../programme/rewards';
import { RuleEditorPage } from '../programme/rule-editor';
import { RulesList } from '../programme/rules-list';
import { ProgrammeSummary } from '../programme/summary';
import { TiersSection } from '../programme/tiers';
import { UsersSection } from '../programme/users';

// Absolute paths: links relative to a splat route (programme/*) resolve against the whole URL.
const SECTIONS = [
  { to: '/programme', label: 'Settings', end: true },
  { to: '/programme/rules', label: 'Earning rules', end: false },
  { to: '/programme/tiers', label: 'Tiers', end: false },
  { to: '/programme/rewards', label: 'Rewards', end: false },
  { to: '/programme/coupons', label: 'Coupons', end: false },
  { to: '/programme/referrals', label: 'Referrals', end: false },
  { to: '/programme/access', label: 'Users and API keys', end: false },
];

/**
 * The loyalty programme's set-up: its settings, earning rules, tiers, rewards, coupons, referrals,
 * and who may use the dashboard and the API.
 */
export const ProgrammePage = () => (
  <>
    <PageTitle>Programme</PageTitle>
    <nav aria-label="Programme sections" className="prog-subnav">
      {SECTIONS.map((s) => (
        <NavLink key={s.to} to={s.to} end={s.end}>
          {s.label}
        </NavLink>
      ))}
    </nav>
    <Routes>
      <Route index element={<ProgrammeSummary />} />
      <Route path="rules" element={<RulesList />} />
      <Route path="rules/new" element={<RuleEditorPage />} />
      <Route path="rules/:id" element={<RuleEditorPage />} />
      <Route path="tiers" element={<TiersSection />} />
      <Route path="rewards" element={<RewardsSection />} />
      <Route path="coupons" element={<CouponsSection />} />
      <Route path="referrals" element={<ReferralsSection />} />
      <Route
        path="access"
        element={
          <>
            <UsersSection />
            <ApiKeysSection />
          </>
        }
      />
    </Routes>
  </>
);
