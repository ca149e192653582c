import { NavLink, Outlet } from 'react-router';
import { useSession } from './session';

const SECTIONS = [
  { to: '/', label: 'Overview', end: true },
  { to: '/retention', label: 'Retention', end: false },
  { to: '/value', label: 'Customer value', end: false },
  { to: '/customers', label: 'Customers', end: false },
  { to: '/segments', label: 'Segments', end: false },
  { to: '/campaigns', label: 'Campaigns', end: false },
  { to: '/experiments', label: 'Experiments', end: false },
  { to: '/feedback', label: 'Feedback', end: false },
  { to: '/programme', label: 'Programme', end: false },
];

export const Layout = () => {
  const { principal, signOut } = useSession();
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="/admin">
          Regulars
        </a>
        <nav aria-label="Sections">
          {SECTIONS.map((s) => (
            <NavLink key={s.to} to={s.to} end={s.end}>
              {s.label}
            </NavLink>
          ))}
        </nav>
        <div className="who">
          <span>{principal.name}</span>
          <button type="button" className="link" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
};
