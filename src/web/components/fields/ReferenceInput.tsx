import { Loader, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useObjectMeta } from '../../api/metadata';
import { searchObject } from '../../api/search';
import { recordTitle } from './recordTitle';
import { useReferencedRecord } from './referenceNames';

interface ReferenceInputProps {
  object: string;
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
  required?: boolean;
  autoFocus?: boolean;
  description?: string;
  inPopover?: boolean;
}

/** Pick a record of another object by typing part of its name. */
export function ReferenceInput({
  object,
  label,
  value,
  onChange,
  error,
  required,
  autoFocus,
  description,
  inPopover,
}: ReferenceInputProps) {
  const meta = useObjectMeta(object);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 150);
  const current = useReferencedRecord(object, value);
  const currentLabel = current.data ? recordTitle(meta, current.data) : null;
  const results = useQuery({
    queryKey: ['reference-search', object, debounced],
    enabled: debounced.trim().length > 0 && debounced !== currentLabel,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => searchObject(object, debounced.trim(), signal),
  });
  const options = new Map<string, string>();
  if (value && currentLabel) options.set(value, currentLabel);
  for (const hit of results.data ?? []) if (!options.has(hit.id)) options.set(hit.id, hit.title);

  return (
    <Select
      label={label}
      description={description}
      required={required}
      autoFocus={autoFocus}
      searchable
      clearable
      comboboxProps={inPopover ? { withinPortal: false } : undefined}
      placeholder={`Search ${meta?.labelPlural.toLowerCase() ?? object}…`}
      data={[...options].map(([id, title]) => ({ value: id, label: title }))}
      value={value}
      onChange={(id) => onChange(id)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={debounced.trim() ? 'No match' : 'Type to search'}
      rightSection={results.isFetching ? <Loader size={14} /> : undefined}
      error={error}
    />
  );
}
