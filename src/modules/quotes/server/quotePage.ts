import { quoteLabel, quoteStatusLabels, type PublicQuote } from '../contract';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const style = `body{font:15px/1.5 system-ui,sans-serif;max-width:760px;margin:2rem auto;padding:0 1rem;color:#222}
table{width:100%;border-collapse:collapse}th,td{padding:.4rem;border-bottom:1px solid #ddd;text-align:right}
th:first-child,td:first-child{text-align:left}.totals td{border:0}.notice{padding:.75rem;background:#eef;border-radius:6px}
form{margin-top:1.5rem;display:flex;gap:.5rem;flex-wrap:wrap;align-items:end}input{padding:.4rem;font:inherit}
button{padding:.5rem 1rem;font:inherit;cursor:pointer}`;

/** The customer's page of one quote, with a form to accept or decline it while it is open. */
export function quotePage(quote: PublicQuote | null, notice: string | null): string {
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${quote ? `Quote ${quoteLabel(quote.number, quote.revision)}` : 'Quote'}</title><style>${style}</style></head><body>`;
  const message = notice ? `<p class="notice" role="status">${escape(notice)}</p>` : '';
  if (!quote) return `${head}<main><h1>Quote</h1>${message}</main></body></html>`;
  const rows = quote.lines
    .map(
      (l) =>
        `<tr><td>${escape(l.name)}${l.description ? `<br><small>${escape(l.description)}</small>` : ''}</td><td>${l.quantity}</td><td>${l.unitPrice}</td><td>${l.discountPercent}%</td><td>${l.taxRate}%</td><td>${l.total}</td></tr>`,
    )
    .join('');
  const total = (label: string, value: string) =>
    `<tr class="totals"><td colspan="5">${label}</td><td>${value}</td></tr>`;
  const form =
    quote.status === 'sent'
      ? `<form method="post"><label>Your name<br><input name="name" required maxlength="200" autocomplete="name"></label><button name="answer" value="accept">Accept the quote</button><button name="answer" value="decline">Decline</button></form>`
      : `<p>Status: <strong>${quoteStatusLabels[quote.status]}</strong>${quote.acceptedByName ? ` by ${escape(quote.acceptedByName)}` : ''}</p>`;
  return `${head}<main><h1>${quote.companyName ? `${escape(quote.companyName)}: ` : ''}quote ${quoteLabel(quote.number, quote.revision)}</h1>${message}
<p>Valid until ${quote.validUntil ?? '—'} · amounts in ${quote.currency}</p>
<table><thead><tr><th>Item</th><th>Qty</th><th>Unit price</th><th>Discount</th><th>Tax</th><th>Amount</th></tr></thead><tbody>${rows}
${total('Subtotal', quote.subtotal)}${total('Discounts', `-${quote.discountTotal}`)}${total('Tax', quote.taxTotal)}${total(`<strong>Total</strong>`, `<strong>${quote.total}</strong>`)}</tbody></table>
${quote.terms ? `<h2>Terms</h2><p>${escape(quote.terms).replace(/\n/g, '<br>')}</p>` : ''}${form}</main></body></html>`;
}
