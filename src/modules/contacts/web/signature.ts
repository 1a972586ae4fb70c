import type { Address } from '../../../common/address';

export type PhoneKind = 'office' | 'mobile' | 'other';
export interface SignaturePhone {
  kind: PhoneKind;
  number: string;
}

/** What could be recognised in a pasted email signature; absent parts are left out. */
export interface SignatureFields {
  firstName?: string;
  lastName?: string;
  title?: string;
  company?: string;
  email?: string;
  /** every number, in the order written, each with the kind its label gave (office when unlabelled) */
  phones?: SignaturePhone[];
  website?: string;
  address?: Address;
}

const emailPattern = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/u;
const urlPattern = /\b(?:https?:\/\/)?(?:www\.)[^\s|,;]+|\bhttps?:\/\/[^\s|,;]+/i;
const phoneLabel = /^(?:tel|phone|ph|mobile|mob|cell|office|direct|work|t|m|p|o|d)\.?\s*[:.]?\s*/i;
const mobileLabel = /^(?:mobile|mob|cell|m)\b/i;
const otherLabel = /^(?:fax|f|home|h)\b\.?\s*[:.]?\s*/i;
const phonePattern = /(?:\+|00)?[\d(][\d\s().\-/]{6,}\d/;
const closings =
  /^(?:--+|—|best|kind regards|regards|best regards|cheers|thanks|thank you|sincerely|warm regards|sent from my)\b/i;
const titleWords =
  /\b(?:ceo|cto|cfo|coo|cio|cmo|vp|svp|evp|chief|president|director|manager|head|lead|engineer|officer|founder|co-founder|partner|consultant|specialist|analyst|owner|assistant|coordinator|representative|executive|principal|developer|designer|administrator|advisor|adviser|associate|architect|counsel|attorney|buyer|accountant|recruiter|sales|marketing|procurement|account|product|operations|purchasing|controller|secretary|treasurer|agent)\b/i;
const companySuffix =
  /\b(?:inc|incorporated|llc|llp|ltd|limited|gmbh|ag|sa|sas|sarl|srl|spa|bv|nv|plc|corp|corporation|co|company|group|pty|ab|oy|as|kk|holdings|technologies|labs|solutions|systems|partners)\.?$/i;
const usStateZip = /^(?:(.*?)[,\s]+)?([A-Z]{2})\s+(\d{5}(?:-\d{4})?)$/;
const postalFirst = /^(\d{4,5}|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})\s+(.+)$/i;
const postalLast = /^(.+?)\s+(\d{4,6}|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})$/i;
const streetLike =
  /(^\d+[a-z]?\s+\p{L})|(\p{L}[\p{L}.\s-]*\s\d+[a-z]?$)|\b(?:street|st\.|road|rd\.|avenue|ave\.?|boulevard|blvd|lane|ln\.|drive|dr\.|way|strasse|straße|str\.|rue|via|calle|suite|floor)\b/iu;
/** A region or market after a title ("VP Sales, EMEA") belongs to the title, not the company. */
const regions =
  /^(?:emea|apac|apj|amer|americas|latam|na|north america|south america|europe|western europe|eastern europe|dach|nordics|benelux|uk&i|uk & ireland|asia|asia pacific|middle east|mea|africa|global|international|worldwide|east|west|north|south|central|us|usa|uk)$/i;
const countries =
  /^(?:usa|u\.s\.a\.|united states|us|uk|united kingdom|canada|germany|deutschland|france|spain|italy|netherlands|belgium|switzerland|austria|ireland|sweden|norway|denmark|finland|poland|portugal|australia|new zealand|india|japan|singapore|brazil|mexico)$/i;

function splitParts(line: string): string[] {
  return line
    .split(/\s*[|•·]\s*|\s+[–—]\s+|\s+-\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

function looksLikeName(part: string): boolean {
  const words = part.split(/\s+/);
  return (
    words.length >= 2 &&
    words.length <= 4 &&
    !/[\d@:/]/.test(part) &&
    !titleWords.test(part) &&
    !companySuffix.test(part) &&
    words.every(
      (w) => /^[\p{Lu}][\p{L}'’.-]*$/u.test(w) || /^(?:van|von|de|der|da|di|del|la|le|bin|al)$/i.test(w),
    )
  );
}

function parseAddress(lines: string[]): Address | undefined {
  const joined = lines.join(', ');
  const parts = joined.split(/\s*,\s*/).filter(Boolean);
  const address: Address = {};
  if (parts.length && countries.test(parts[parts.length - 1])) address.country = parts.pop();
  const last = parts[parts.length - 1] ?? '';
  const us = usStateZip.exec(last);
  if (us) {
    parts.pop();
    address.region = us[2];
    address.postalCode = us[3];
    if (us[1]?.trim()) address.city = us[1].trim();
    else if (parts.length > 1) address.city = parts.pop();
  } else {
    const first = postalFirst.exec(last) ?? null;
    const trailing = first ? null : postalLast.exec(last);
    if (first) {
      parts.pop();
      address.postalCode = first[1];
      address.city = first[2];
    } else if (trailing && parts.length > 1) {
      parts.pop();
      address.city = trailing[1];
      address.postalCode = trailing[2];
    } else if (parts.length > 1) {
      address.city = parts.pop();
    }
  }
  if (parts.length) address.street = parts.join(', ');
  return Object.keys(address).length ? address : undefined;
}

function isAddressLine(line: string): boolean {
  if (emailPattern.test(line) || urlPattern.test(line)) return false;
  const parts = line.split(/\s*,\s*/);
  return (
    usStateZip.test(parts[parts.length - 1] ?? '') ||
    (streetLike.test(line) && /\d/.test(line)) ||
    (parts.length >= 2 &&
      parts.some((p) => postalFirst.test(p) || postalLast.test(p)) &&
      !phoneLabel.test(line))
  );
}

/** Recognises name, title, company, email, phone, website and address in a pasted signature. */
export function parseSignature(text: string): SignatureFields {
  const result: SignatureFields = {};
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l && !closings.test(l));
  const rest: string[] = [];
  const addressLines: string[] = [];

  for (const line of lines) {
    let remaining = line;
    const email = emailPattern.exec(remaining);
    if (email) {
      result.email ??= email[0].toLowerCase();
      remaining = remaining.replace(email[0], ' ').replace(/^(?:e-?mail|e)\s*[:.]\s*/i, '');
    }
    const url = urlPattern.exec(remaining);
    if (url) {
      result.website ??= url[0];
      remaining = remaining.replace(url[0], ' ');
    }
    for (const part of splitParts(remaining)) {
      const cleaned = part.replace(/^[,;:\s]+|[,;:\s]+$/g, '');
      if (!cleaned) continue;
      const labelled = phoneLabel.test(cleaned) || otherLabel.test(cleaned);
      const unlabelled = cleaned.replace(phoneLabel, '').replace(otherLabel, '');
      const phone = phonePattern.exec(unlabelled);
      const isPhone =
        phone &&
        phone[0].replace(/\D/g, '').length >= 7 &&
        (labelled || phone[0].length >= unlabelled.length - 2);
      if (isPhone) {
        const kind: PhoneKind = mobileLabel.test(cleaned)
          ? 'mobile'
          : otherLabel.test(cleaned)
            ? 'other'
            : 'office';
        (result.phones ??= []).push({ kind, number: phone[0].trim() });
      } else if (
        isAddressLine(cleaned) ||
        (addressLines.length &&
          addressLines.length < 3 &&
          (postalFirst.test(cleaned) || usStateZip.test(cleaned) || countries.test(cleaned)))
      ) {
        addressLines.push(cleaned);
      } else {
        rest.push(cleaned);
      }
    }
  }

  for (const part of rest) {
    const at = /^(.+?)\s+(?:at|@)\s+(.+)$/i.exec(part) ?? /^(.+?),\s*(.+)$/.exec(part);
    if (!result.title && at && titleWords.test(at[1])) {
      const qualified = regions.test(at[2].trim());
      result.title = qualified ? part : at[1];
      if (!qualified) result.company ??= at[2];
    } else if (!result.firstName && looksLikeName(part)) {
      const words = part.split(/\s+/);
      result.firstName = words[0];
      result.lastName = words.slice(1).join(' ');
    } else if (!result.title && titleWords.test(part) && !companySuffix.test(part)) {
      result.title = part;
    } else if (!result.company && (companySuffix.test(part) || result.title || result.firstName)) {
      result.company = part;
    }
  }
  const address = addressLines.length ? parseAddress(addressLines) : undefined;
  if (address) result.address = address;
  return result;
}
