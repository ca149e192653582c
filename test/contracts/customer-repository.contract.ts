import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type {
  Consent,
  ConsentChannel,
  CreateCustomerInput,
  Customer,
  CustomerRepository,
  CustomerRow,
  ExternalId,
} from '../../src/core/customers/customers.js';
import { createCustomer } from '../../src/core/customers/customers.service.js';
import { silentEvents } from '../../src/core/events/events.js';
import { DomainError } from '../../src/core/shared/errors.js';
import { newId } from '../../src/core/shared/ids.js';
import { customerRepository } from '../../src/db/customers.repository.js';
import type { DB } from '../../src/db/schema.js';
import { unique } from '../support/fixtures.js';
import { inCustomerUnit, type CustomerUnitKind } from './customer-units.js';

const AT = new Date('2026-03-01T10:00:00.123Z');
const LATER = new Date('2026-03-02T08:30:00.456Z');

const newRow = (fields: Partial<CustomerRow> = {}): CustomerRow => ({
  id: newId('customer'),
  email: `${unique('cust')}@example.com`,
  phone: '+442079460958',
  firstName: 'Ann',
  lastName: 'Lee',
  birthday: '1990-05-17',
  locale: 'de-AT',
  attributes: { country: 'Austria', vip: true, visits: 3, note: null },
  createdAt: AT,
  updatedAt: AT,
  ...fields,
});

const consent = (channel: ConsentChannel, granted: boolean, at = AT): Consent => ({
  channel,
  granted,
  source: 'contract',
  at,
});

/** A customer committed before the unit under test, through the SQL repository. */
const committed = async (
  db: Kysely<DB>,
  externalIds: ExternalId[] = [],
  fields: Partial<CustomerRow> = {},
) => {
  const row = newRow(fields);
  const repo = customerRepository(db);
  await repo.insert(row);
  await repo.addExternalIds(row.id, externalIds, AT);
  return row;
};

const byKey = (a: ExternalId, b: ExternalId) =>
  `${a.source}:${a.id}`.localeCompare(`${b.source}:${b.id}`);

/** A customer in a form two reads can be compared by: lists in one order, dates as text. */
const comparable = (c: Customer | null | undefined) =>
  c && {
    ...c,
    externalIds: [...c.externalIds].sort(byKey),
    consents: c.consents
      .map((x) => ({ ...x, at: x.at.toISOString() }))
      .sort((a, b) => a.channel.localeCompare(b.channel)),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    erasedAt: c.erasedAt?.toISOString() ?? null,
  };

const stored = async (db: Kysely<DB>, id: string) =>
  comparable(await customerRepository(db).findById(id));

/** The distinct customers found: one holding the id in two sources is one holder. */
const holders = (found: Customer[]) => [...new Set(found.map((c) => c.id))].sort();

const coreDeps = (customers: CustomerRepository) => ({
  customers,
  clock: { now: () => AT },
  events: silentEvents,
});

const refusalOf = (work: Promise<unknown>): Promise<string> =>
  work.then(
    () => 'accepted',
    (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
  );

/** How to call each operation a kind may refuse, to check it is refused rather than answered. */
const PROBES: Partial<
  Record<keyof CustomerRepository, (c: CustomerRepository) => Promise<unknown>>
> = {
  update: (c) => c.update(newRow()),
  search: (c) => c.search({ limit: 1 }),
};

/**
 * What the core relies on from a CustomerRepository inside one unit of work, and what the importer
 * relies on through createCustomer and ingestOrder: a customer reads back, within the unit and once
 * committed, as it was written; e-mail and external ids (per source) name one customer at most;
 * the consents read are the latest per channel; and every read sees the unit's own writes.
 */
export const customerRepositoryContract = (db: () => Kysely<DB>, kind: CustomerUnitKind) =>
  describe(`CustomerRepository (${kind.name})`, () => {
    const itUsing = (
      operation: keyof CustomerRepository,
      title: string,
      test: () => Promise<void>,
    ) => {
      const refusal = kind.unsupported[operation];
      if (refusal === undefined) it(title, test);
      else it.skip(`${title} (skipped: ${operation} ${refusal})`, test);
    };

    it('reads a customer it created, with external ids and consents, as it is then stored', async () => {
      const externalIds = [
        { source: 'shop', id: unique('ext') },
        { source: 'pos', id: unique('ext') },
      ];
      const email = `${unique('ann')}@example.com`;
      const input: CreateCustomerInput = {
        email,
        phone: '+44 20 7946 0958',
        firstName: 'Ann',
        lastName: 'Lee',
        birthday: '1990-05-17',
        locale: 'de-AT',
        attributes: { country: 'Austria', vip: true, visits: 3, note: null },
        externalIds,
        consents: [
          { channel: 'email', granted: true, source: 'signup', at: LATER.toISOString() },
          { channel: 'sms', granted: false, source: 'signup' },
        ],
      };
      const inside = await inCustomerUnit(db(), kind, { externalIds }, async (customers) => {
        const created = await createCustomer(coreDeps(customers), input);
        return comparable(await customers.findById(created.id));
      });
      expect(inside).toEqual({
        id: expect.stringMatching(/^cus_/),
        email,
        phone: '+442079460958',
        firstName: 'Ann',
        lastName: 'Lee',
        birthday: '1990-05-17',
        locale: 'de-AT',
        attributes: { country: 'Austria', vip: true, visits: 3, note: null },
        externalIds: [...externalIds].sort(byKey),
        consents: [
          { channel: 'email', granted: true, source: 'signup', at: LATER.toISOString() },
          { channel: 'sms', granted: false, source: 'signup', at: AT.toISOString() },
        ],
        createdAt: AT.toISOString(),
        updatedAt: AT.toISOString(),
        erasedAt: null,
      });
      expect(await stored(db(), inside!.id)).toEqual(inside);
    });

    it('reads the latest consent per channel: the one recorded last', async () => {
      const row = newRow();
      const inside = await inCustomerUnit(db(), kind, {}, async (customers) => {
        await customers.insert(row);
        await customers.addConsents(
          row.id,
          [consent('email', true), consent('sms', true), consent('email', false)],
          AT,
        );
        await customers.addConsents(row.id, [consent('sms', false, LATER)], LATER);
        return comparable(await customers.findById(row.id));
      });
      expect(inside?.consents).toEqual([
        { ...consent('email', false), at: AT.toISOString() },
        { ...consent('sms', false), at: LATER.toISOString() },
      ]);
      expect(await stored(db(), row.id)).toEqual(inside);
    });

    it('finds a customer by e-mail, created in the unit or committed before; nobody otherwise', async () => {
      const before = await committed(db());
      const row = newRow();
      const lookups = async (customers: CustomerRepository) => ({
        mine: comparable(await customers.findByEmail(row.email!)),
        theirs: (await customers.findByEmail(before.email!))?.id,
        nobody: await customers.findByEmail(`${unique('nobody')}@example.com`),
      });
      const inside = await inCustomerUnit(db(), kind, { ids: [before.id] }, async (customers) => {
        await customers.insert(row);
        return lookups(customers);
      });
      expect(inside).toEqual({
        mine: expect.objectContaining({ id: row.id }),
        theirs: before.id,
        nobody: null,
      });
      expect(await lookups(customerRepository(db()))).toEqual(inside);
    });

    it('finds the holders of an external id in any source or in one, committed or created in the unit', async () => {
      const shared = unique('ext');
      const posHolder = await committed(db(), [{ source: 'pos', id: shared }]);
      const shopHolder = newRow();
      const lookups = async (customers: CustomerRepository) => ({
        any: holders(await customers.findByExternalId(shared)),
        shop: holders(await customers.findByExternalId(shared, 'shop')),
        pos: holders(await customers.findByExternalId(shared, 'pos')),
        web: holders(await customers.findByExternalId(shared, 'web')),
        idsAny: (await customers.idsByExternalId(shared)).sort(),
        idsShop: await customers.idsByExternalId(shared, 'shop'),
        idsWeb: await customers.idsByExternalId(shared, 'web'),
        nobody: await customers.idsByExternalId(unique('ext-nobody')),
        hydrated: comparable((await customers.findByExternalId(shared, 'shop'))[0]),
      });
      const refs = {
        ids: [posHolder.id],
        externalIds: [
          { source: 'shop', id: shared },
          { source: 'web', id: shared },
        ],
      };
      const inside = await inCustomerUnit(db(), kind, refs, async (customers) => {
        await customers.insert(shopHolder);
        await customers.addExternalIds(shopHolder.id, [{ source: 'shop', id: shared }], AT);
        return lookups(customers);
      });
      expect(inside).toEqual({
        any: [posHolder.id, shopHolder.id].sort(),
        shop: [shopHolder.id],
        pos: [posHolder.id],
        web: [],
        idsAny: [posHolder.id, shopHolder.id].sort(),
        idsShop: [shopHolder.id],
        idsWeb: [],
        nobody: [],
        hydrated: await stored(db(), shopHolder.id),
      });
      expect(await lookups(customerRepository(db()))).toEqual(inside);
    });

    it('adds external ids and consents to a customer committed before the unit, and reads them', async () => {
      const before = await committed(db(), [{ source: 'pos', id: unique('ext') }]);
      const added = { source: 'shop', id: unique('ext') };
      const lookups = async (customers: CustomerRepository) => ({
        holders: await customers.idsByExternalId(added.id, added.source),
        found: holders(await customers.findByExternalId(added.id)),
        customer: comparable(await customers.findById(before.id)),
      });
      const refs = { ids: [before.id], externalIds: [added] };
      const inside = await inCustomerUnit(db(), kind, refs, async (customers) => {
        await customers.addExternalIds(before.id, [added], LATER);
        await customers.addConsents(before.id, [consent('email', true, LATER)], LATER);
        return lookups(customers);
      });
      expect(inside.holders).toEqual([before.id]);
      expect(inside.found).toEqual([before.id]);
      expect(inside.customer?.externalIds).toContainEqual(added);
      expect(inside.customer?.consents).toEqual([
        { ...consent('email', true), at: LATER.toISOString() },
      ]);
      expect(await lookups(customerRepository(db()))).toEqual(inside);
    });

    it('knows live customers, created in the unit or committed, not erased or unknown ones', async () => {
      const live = await committed(db());
      const erased = await committed(db());
      await db()
        .updateTable('customer')
        .set({ erased_at: new Date() })
        .where('id', '=', erased.id)
        .execute();
      const unknown = newId('customer');
      const fresh = newRow();
      const refs = { ids: [live.id, erased.id, unknown] };
      const inside = await inCustomerUnit(db(), kind, refs, async (customers) => {
        await customers.insert(fresh);
        return {
          fresh: await customers.exists(fresh.id),
          live: await customers.exists(live.id),
          erased: await customers.exists(erased.id),
          unknown: await customers.exists(unknown),
        };
      });
      expect(inside).toEqual({ fresh: true, live: true, erased: false, unknown: false });
    });

    it('refuses an e-mail another customer holds, committed or in the unit, and stores nothing', async () => {
      const before = await committed(db());
      const clash = newRow({ email: before.email });
      const [first, second] = [newRow(), newRow()];
      second.email = first.email;
      const emailClash = { code: '23505', constraint: 'customer_email_key' };
      await expect(
        inCustomerUnit(db(), kind, {}, (customers) => customers.insert(clash)),
      ).rejects.toMatchObject(emailClash);
      await expect(
        inCustomerUnit(db(), kind, {}, async (customers) => {
          await customers.insert(first);
          await customers.insert(second);
        }),
      ).rejects.toMatchObject(emailClash);
      for (const row of [clash, first, second]) expect(await stored(db(), row.id)).toBeNull();
      // Customers without an e-mail do not clash.
      const [a, b] = [newRow({ email: null }), newRow({ email: null })];
      await inCustomerUnit(db(), kind, {}, async (customers) => {
        await customers.insert(a);
        await customers.insert(b);
      });
      expect((await stored(db(), b.id))?.id).toBe(b.id);
    });

    it('refuses an external id another customer holds in its source, and stores nothing', async () => {
      const held = { source: 'shop', id: unique('ext') };
      await committed(db(), [held]);
      const idClash = { code: '23505', constraint: 'customer_external_id_key' };
      const claimant = newRow();
      await expect(
        inCustomerUnit(db(), kind, {}, async (customers) => {
          await customers.insert(claimant);
          await customers.addExternalIds(claimant.id, [held], AT);
        }),
      ).rejects.toMatchObject(idClash);
      const twice = { source: 'shop', id: unique('ext') };
      const [first, second] = [newRow(), newRow()];
      await expect(
        inCustomerUnit(db(), kind, {}, async (customers) => {
          for (const row of [first, second]) {
            await customers.insert(row);
            await customers.addExternalIds(row.id, [twice], AT);
          }
        }),
      ).rejects.toMatchObject(idClash);
      for (const row of [claimant, first, second]) expect(await stored(db(), row.id)).toBeNull();
      // The same id in another source is another customer's to hold.
      const elsewhere = newRow();
      await inCustomerUnit(db(), kind, {}, async (customers) => {
        await customers.insert(elsewhere);
        await customers.addExternalIds(elsewhere.id, [{ source: 'pos', id: held.id }], AT);
      });
      expect((await stored(db(), elsewhere.id))?.externalIds).toEqual([
        { source: 'pos', id: held.id },
      ]);
    });

    it('lets createCustomer refuse an e-mail or external id taken before the unit or in it', async () => {
      const takenBefore = { source: 'shop', id: unique('ext') };
      const before = await committed(db(), [takenBefore]);
      const fresh = { source: 'shop', id: unique('ext') };
      const refs = { externalIds: [fresh, takenBefore] };
      const outcome = await inCustomerUnit(db(), kind, refs, async (customers) => {
        const first = await createCustomer(coreDeps(customers), {
          email: `${unique('first')}@example.com`,
          externalIds: [fresh],
        });
        const attempts: CreateCustomerInput[] = [
          { email: first.email },
          { externalIds: [fresh] },
          { email: before.email },
          { externalIds: [takenBefore] },
          { externalIds: [{ source: 'pos', id: fresh.id }] },
        ];
        const refusals = [];
        for (const input of attempts) {
          refusals.push(await refusalOf(createCustomer(coreDeps(customers), input)));
        }
        return { first: first.id, refusals };
      });
      expect(outcome.refusals).toEqual([
        'email_taken',
        'external_id_taken',
        'email_taken',
        'external_id_taken',
        'accepted',
      ]);
      expect(await customerRepository(db()).idsByExternalId(fresh.id)).toHaveLength(2);
      expect(await customerRepository(db()).idsByExternalId(fresh.id, 'shop')).toEqual([
        outcome.first,
      ]);
    });

    itUsing('update', 'updates a committed customer, and every read sees it', async () => {
      const before = await committed(db(), [{ source: 'shop', id: unique('ext') }]);
      const changed: CustomerRow = {
        ...before,
        email: `${unique('moved')}@example.com`,
        attributes: { tier: 'gold' },
        updatedAt: LATER,
      };
      const lookups = async (customers: CustomerRepository) => ({
        byId: comparable(await customers.findById(before.id)),
        byNewEmail: (await customers.findByEmail(changed.email!))?.id,
        byOldEmail: await customers.findByEmail(before.email!),
      });
      const inside = await inCustomerUnit(db(), kind, { ids: [before.id] }, async (customers) => {
        await customers.update(changed);
        return lookups(customers);
      });
      expect(inside.byId).toMatchObject({
        email: changed.email,
        attributes: { tier: 'gold' },
        createdAt: AT.toISOString(),
        updatedAt: LATER.toISOString(),
      });
      expect(inside.byNewEmail).toBe(before.id);
      expect(inside.byOldEmail).toBeNull();
      expect(await lookups(customerRepository(db()))).toEqual(inside);
    });

    itUsing(
      'search',
      'searches the unit’s customers by external id and name, page by page',
      async () => {
        const lastName = unique('Zed');
        const [a, b] = [newRow({ lastName }), newRow({ lastName })];
        const ext = { source: 'shop', id: unique('ext') };
        const inside = await inCustomerUnit(db(), kind, {}, async (customers) => {
          for (const row of [a, b]) await customers.insert(row);
          await customers.addExternalIds(b.id, [ext], AT);
          const first = await customers.search({ q: lastName.toLowerCase(), limit: 1 });
          const rest = await customers.search({ q: lastName, limit: 1, cursor: first.nextCursor });
          const byExternal = await customers.search({
            externalId: ext.id,
            source: ext.source,
            limit: 10,
          });
          return {
            pages: [first, rest].map((p) => p.customers.map((c) => c.id)),
            last: rest.nextCursor,
            byExternal: byExternal.customers.map((c) => c.id),
          };
        });
        const [firstId, secondId] = [a.id, b.id].sort();
        expect(inside).toEqual({
          pages: [[firstId], [secondId]],
          last: null,
          byExternal: [b.id],
        });
      },
    );

    for (const [operation, reason] of Object.entries(kind.unsupported)) {
      it(`refuses ${operation} outright rather than answer otherwise (it ${reason})`, async () => {
        const probe = PROBES[operation as keyof CustomerRepository];
        expect(probe, `a probe that calls ${operation}`).toBeDefined();
        await expect(inCustomerUnit(db(), kind, {}, (c) => probe!(c))).rejects.toThrow(
          'not available inside a write batch',
        );
      });
    }
  });
