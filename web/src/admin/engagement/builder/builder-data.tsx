import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { client, unwrap } from '../../../shared/api';
import { useProgramme } from '../../customer/queries';
import { useTierNames } from '../../customer/list-queries';
import { Loaded } from '../../ui';
import type { CatalogueField } from './tree';

/** What every builder needs: the field catalogue, the currency (and its minor digits), the tiers. */
export interface BuilderData {
  catalogue: CatalogueField[];
  currency: string;
  digits: number;
  tiers: { code: string; name: string }[];
  /** The segment whose definition is edited (absent for a new one): it may not name itself. */
  editingId?: string | undefined;
}

const useSegmentFields = () =>
  useQuery({
    queryKey: ['eng', 'segment-fields'],
    queryFn: ({ signal }) => unwrap(client.GET('/v1/segments/fields', { signal })),
    staleTime: Infinity,
  });

/** 2 for GBP, 0 for JPY: how many minor digits the definition's integers carry. */
export const minorDigits = (currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits ?? 2;

/** Loads the three reads together; the builder shows once all have arrived. */
export const WithBuilderData = ({
  editingId,
  children,
}: {
  editingId?: string;
  children: (data: BuilderData) => ReactNode;
}) => {
  const fields = useSegmentFields();
  const programme = useProgramme();
  const tiers = useTierNames();
  const all = {
    isPending: fields.isPending || programme.isPending || tiers.isPending,
    error: fields.error ?? programme.error ?? tiers.error,
    data:
      fields.data && programme.data && tiers.data
        ? {
            catalogue: fields.data.fields,
            currency: programme.data.currency,
            digits: minorDigits(programme.data.currency),
            tiers: tiers.data.tiers.map((t) => ({ code: t.code, name: t.name })),
            editingId,
          }
        : undefined,
  };
  return (
    <Loaded query={all} what="the segment fields">
      {children}
    </Loaded>
  );
};
