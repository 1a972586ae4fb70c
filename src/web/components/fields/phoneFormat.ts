import { useEffect, useState } from 'react';
import { useSession } from '../../api/session';

type Formatter = (e164: string, country: string) => string;
let loaded: Formatter | null = null;
let loading: Promise<Formatter> | null = null;

/** libphonenumber's metadata is large: it loads once, the first time a phone number is shown. */
function loadFormatter(): Promise<Formatter> {
  loading ??= import('libphonenumber-js/min').then(({ parsePhoneNumberFromString }) => {
    loaded = (e164, country) => {
      const parsed = parsePhoneNumberFromString(e164);
      if (!parsed) return e164;
      return parsed.country === country ? parsed.formatNational() : parsed.formatInternational();
    };
    return loaded;
  });
  return loading;
}

/** A stored E.164 number as people write it: national for the workspace's country, international otherwise. */
export function useFormattedPhone(value: string): string {
  const country = useSession()?.workspace.defaultCountry ?? '';
  const [format, setFormat] = useState<Formatter | null>(() => loaded);
  useEffect(() => {
    if (!format) void loadFormatter().then((f) => setFormat(() => f));
  }, [format]);
  return format ? format(value, country) : value;
}
