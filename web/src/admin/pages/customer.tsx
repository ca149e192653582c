import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../shared/api';
import { AdjustPointsForm } from '../customer/adjust-points-form';
import { AnalyticsPanel } from '../customer/analytics-panel';
import { CardPanel, CouponsPanel, ReferralPanel } from '../customer/holdings-panels';
import { ConsentForm } from '../customer/consent-form';
import { EditCustomerForm } from '../customer/edit-customer-form';
import { customerLabel } from '../customer/names';
import { PointsPanel } from '../customer/points-panel';
import { ConsentsPanel, ProfilePanel } from '../customer/profile-panel';
import { useCustomer } from '../customer/queries';
import { TierPanel } from '../customer/tier-panel';
import { TimelinePanel } from '../customer/timeline-panel';
import type { Customer } from '../customer/types';
import { useSession } from '../session';
import { ErrorNotice, Loading, PageTitle } from '../ui';

const BackLink = () => (
  <p className="c360-back">
    <Link to="/customers">← All customers</Link>
  </p>
);

/** Customer 360: the record on the left, what happened to them on the right. */
const Customer360 = ({ customer }: { customer: Customer }) => {
  const { principal } = useSession();
  const admin = principal.role === 'admin';
  const [editing, setEditing] = useState(false);
  return (
    <>
      <BackLink />
      <PageTitle>{customerLabel(customer)}</PageTitle>
      <div className="c360-grid">
        <div className="c360-main">
          {editing ? (
            <EditCustomerForm customer={customer} onDone={() => setEditing(false)} />
          ) : (
            <>
              <ProfilePanel customer={customer} />
              {admin && (
                <p>
                  <button type="button" onClick={() => setEditing(true)}>
                    Edit profile
                  </button>
                </p>
              )}
            </>
          )}
          <PointsPanel customerId={customer.id} />
          {admin && <AdjustPointsForm customerId={customer.id} />}
          <TierPanel customerId={customer.id} />
          <AnalyticsPanel customerId={customer.id} />
          <ConsentsPanel consents={customer.consents}>
            {admin && <ConsentForm customerId={customer.id} />}
          </ConsentsPanel>
          <CouponsPanel customerId={customer.id} />
          <ReferralPanel customerId={customer.id} />
          <CardPanel customerId={customer.id} />
        </div>
        <div className="c360-side">
          <TimelinePanel customerId={customer.id} />
        </div>
      </div>
    </>
  );
};

export const CustomerPage = () => {
  const id = useParams().id ?? '';
  const customer = useCustomer(id);

  if (customer.error) {
    const missing = customer.error instanceof ApiError && customer.error.status === 404;
    return (
      <>
        <BackLink />
        <PageTitle>Customer</PageTitle>
        {missing ? <p>No customer with id “{id}”.</p> : <ErrorNotice error={customer.error} />}
      </>
    );
  }
  if (customer.isPending) {
    return (
      <>
        <PageTitle>Customer</PageTitle>
        <Loading what="customer" />
      </>
    );
  }
  return <Customer360 customer={customer.data} />;
};
