import { describe, expect, it } from 'vitest';
import { parseSignature } from './signature';

describe('parseSignature', () => {
  it('reads a US signature with pipes and a one-line address', () => {
    const text = `Best regards,
Jane Doe
Head of Procurement | Acme Corp
jane.doe@acme.com
Mobile: +1 (555) 123-4567
123 Main Street, Springfield, IL 62704, USA
www.acme.com`;
    expect(parseSignature(text)).toEqual({
      firstName: 'Jane',
      lastName: 'Doe',
      title: 'Head of Procurement',
      company: 'Acme Corp',
      email: 'jane.doe@acme.com',
      phones: [{ kind: 'mobile', number: '+1 (555) 123-4567' }],
      website: 'www.acme.com',
      address: {
        street: '123 Main Street',
        city: 'Springfield',
        region: 'IL',
        postalCode: '62704',
        country: 'USA',
      },
    });
  });

  it('reads a European signature with a two-line address and "title at company"', () => {
    const text = `--
Jürgen Müller-Lüdenscheidt
Sales Director at Nordwind GmbH
T: +49 30 1234567
Friedrichstraße 123
10117 Berlin, Germany
j.mueller@nordwind.de`;
    expect(parseSignature(text)).toEqual({
      firstName: 'Jürgen',
      lastName: 'Müller-Lüdenscheidt',
      title: 'Sales Director',
      company: 'Nordwind GmbH',
      phones: [{ kind: 'office', number: '+49 30 1234567' }],
      email: 'j.mueller@nordwind.de',
      address: { street: 'Friedrichstraße 123', postalCode: '10117', city: 'Berlin', country: 'Germany' },
    });
  });

  it('reads "title, company" and a UK postcode', () => {
    const text = `Priya Raman
Chief Operating Officer, Brightline Ltd
priya@brightline.co.uk | +44 20 7946 0958
10 Downing Lane, London SW1A 2AA, United Kingdom`;
    expect(parseSignature(text)).toEqual({
      firstName: 'Priya',
      lastName: 'Raman',
      title: 'Chief Operating Officer',
      company: 'Brightline Ltd',
      email: 'priya@brightline.co.uk',
      phones: [{ kind: 'office', number: '+44 20 7946 0958' }],
      address: {
        street: '10 Downing Lane',
        city: 'London',
        postalCode: 'SW1A 2AA',
        country: 'United Kingdom',
      },
    });
  });

  it('leaves out what it cannot recognise', () => {
    expect(parseSignature('thanks!\nsam@example.org')).toEqual({ email: 'sam@example.org' });
    expect(parseSignature('')).toEqual({});
  });

  it('takes the company from the line after the title when it has no suffix', () => {
    expect(parseSignature('Tom Baker\nAccount Executive\nBlue Harbor\n(415) 555-0100')).toEqual({
      firstName: 'Tom',
      lastName: 'Baker',
      title: 'Account Executive',
      company: 'Blue Harbor',
      phones: [{ kind: 'office', number: '(415) 555-0100' }],
    });
  });

  // Issue 10 item 10: the office phone was dropped and "EMEA" became the company.
  it('keeps every phone with its kind, and a region after the title in the title', () => {
    const text = `Marta Kowalska
VP Sales, EMEA | Northwind Traders Ltd
Office: +44 20 7946 0100 | Mobile: +44 7700 900123
Fax: +44 20 7946 0199
marta.kowalska@northwind.example
www.northwind.example
1 Canada Square, London E14 5AB, United Kingdom`;
    expect(parseSignature(text)).toEqual({
      firstName: 'Marta',
      lastName: 'Kowalska',
      title: 'VP Sales, EMEA',
      company: 'Northwind Traders Ltd',
      email: 'marta.kowalska@northwind.example',
      phones: [
        { kind: 'office', number: '+44 20 7946 0100' },
        { kind: 'mobile', number: '+44 7700 900123' },
        { kind: 'other', number: '+44 20 7946 0199' },
      ],
      website: 'www.northwind.example',
      address: {
        street: '1 Canada Square',
        city: 'London',
        postalCode: 'E14 5AB',
        country: 'United Kingdom',
      },
    });
  });
});
