import { describe, expect, it } from 'vitest';
import { parseSalaryText } from '../../../src/ingest/parse/index.ts';
import { salaryFromStructured } from '../../../src/ingest/parse/salary.ts';

const s = (min: number | null, max: number | null, currency: string | null, period: string | null, annualMin: number | null, annualMax: number | null) =>
  ({ min, max, currency, period, annualMin, annualMax });

describe('parseSalaryText', () => {
  it.each([
    ['$120k-$150k', s(120000, 150000, 'USD', 'year', 120000, 150000)],
    ['£50,000 - £60,000 per annum', s(50000, 60000, 'GBP', 'year', 50000, 60000)],
    ['€60/hour', s(60, 60, 'EUR', 'hour', 124800, 124800)],
    ['80-100k EUR', s(80000, 100000, 'EUR', 'year', 80000, 100000)],
    ['up to $200K + equity', s(null, 200000, 'USD', 'year', null, 200000)],
    ['from €55k', s(55000, null, 'EUR', 'year', 55000, null)],
    ['Day rate: £450 per day', s(450, 450, 'GBP', 'day', 117000, 117000)],
    ['$5,000/month', s(5000, 5000, 'USD', 'month', 60000, 60000)],
    ['$2,000 per week', s(2000, 2000, 'USD', 'week', 104000, 104000)],
    ['Gehalt: 65.000 € – 75.000 € brutto/Jahr', s(65000, 75000, 'EUR', 'year', 65000, 75000)],
    ['CHF 120’000 – 140’000', s(120000, 140000, 'CHF', 'year', 120000, 140000)],
    ['$25 - $30 an hour', s(25, 30, 'USD', 'hour', 52000, 62400)],
    ['Salary range: USD 95,000–120,000', s(95000, 120000, 'USD', 'year', 95000, 120000)],
    ['$85,000 – $95,000 CAD plus bonus', s(85000, 95000, 'CAD', 'year', 85000, 95000)],
    ['14 000 – 19 000 PLN net per month', s(14000, 19000, 'PLN', 'month', 168000, 228000)],
    ['₹12,00,000 per annum', s(1200000, 1200000, 'INR', 'year', 1200000, 1200000)],
  ])('%s', (text, expected) => expect(parseSalaryText(text)).toEqual(expected));

  it.each([
    // a plus sign written onto one amount is "or more"; the currency or period after it still counts
    ['$100k+', s(100000, null, 'USD', 'year', 100000, null)],
    ['€45+/hour', s(45, null, 'EUR', 'hour', 93600, null)],
    ['Salary: 90k+ EUR', s(90000, null, 'EUR', 'year', 90000, null)],
    ['up to $200K+', s(null, 200000, 'USD', 'year', null, 200000)],
    // "bonus" ends in s but is no count of things: the pay stays
    ['$120k + bonus', s(120000, 120000, 'USD', 'year', 120000, 120000)],
  ])('open-ended and extras: %s', (text, expected) => expect(parseSalaryText(text)).toEqual(expected));

  it('a benefit written with a plus is still no salary', () => {
    expect(parseSalaryText('$1,500+ learning budget')).toBeNull();
    expect(parseSalaryText('We have 200+ engineers')).toBeNull();
  });

  it('never guesses a currency: figures without a marker keep currency null', () => {
    expect(parseSalaryText('Compensation: 120-140k')).toEqual(s(120000, 140000, null, 'year', 120000, 140000));
  });

  it('reads a bare $ and kr with the posting country, and leaves kr unknown without one', () => {
    expect(parseSalaryText('$90,000 - $100,000', { country: 'CA' })?.currency).toBe('CAD');
    expect(parseSalaryText('45 000 kr per month', { country: 'SE' })?.currency).toBe('SEK');
    expect(parseSalaryText('Salary 45 000 kr per month')?.currency ?? null).toBeNull();
  });

  it.each(['competitive', 'Competitive salary and equity', '401(k) with 5% match', 'We raised $50M in 2025', 'We automate how over $200B in annualized spend flows',
    'serving 4,700 customers in 30 countries', '3+ years of experience', 'Founded in 2019',
    // counts near words that only contain a pay word ("remote", "corporate", "database")
    'Our remote team supports 200k patients every month.', 'We generate 50k leads a year for corporate clients',
    'Corporate rate of 40k downloads per month', 'A database of 20k merchants, updated monthly'])('no salary in %j', (text) => {
    expect(parseSalaryText(text)).toBeNull();
  });

  // Benefits with a figure: an HRA read as pay gave account executives a $10,000 salary.
  it.each(['Benefits:\n - Fertility HRA (up to $10,000 per year)\n - Generous PTO', 'We offer a $1,500 learning budget and a home office allowance of €500.',
    'Sign-on bonus of $5,000.', '$2,000 wellness stipend each year', 'A $500 home office stipend'])('no salary in the benefit %j', (text) => {
    expect(parseSalaryText(text)).toBeNull();
  });

  it('keeps pay next to a benefit, and a stipend that is the pay', () => {
    expect(parseSalaryText('The base salary is $140,000 - $160,000 per year. Benefits: 401(k) match, $2,000 wellness stipend.')).toMatchObject({ min: 140000, max: 160000 });
    expect(parseSalaryText('Salary: £45,000 plus annual bonus')).toMatchObject({ min: 45000, max: 45000, currency: 'GBP' });
    expect(parseSalaryText('Salary $90k, plus $5,000 sign-on bonus')).toMatchObject({ min: 90000, max: 90000 });
    expect(parseSalaryText('Stipend: $3,850 per week')).toMatchObject({ min: 3850, period: 'week' });
    expect(parseSalaryText('Jahresgehalt 60k brutto')).toMatchObject({ min: 60000, max: 60000, currency: null });
    // a heading run into the same line is not a count
    expect(parseSalaryText('Annual Salary: $265,000 — $365,000 USD Logistics Education requirements')).toMatchObject({ min: 265000, max: 365000, currency: 'USD' });
  });

  it('prefers the amount that looks like pay over other money in the text', () => {
    const t = 'We closed a $40M round last year. The base salary for this role is $140,000 - $160,000 per year.';
    expect(parseSalaryText(t)).toMatchObject({ min: 140000, max: 160000, currency: 'USD' });
  });
});

describe('salaryFromStructured', () => {
  it('reads MonetaryAmount with QuantitativeValue, plain numbers and salaryCurrency', () => {
    expect(salaryFromStructured({ '@type': 'MonetaryAmount', currency: 'usd', value: { minValue: '40', maxValue: 45, unitText: 'HOUR' } }))
      .toEqual(s(40, 45, 'USD', 'hour', 83200, 93600));
    expect(salaryFromStructured(32000, 'GBP')).toEqual(s(32000, 32000, 'GBP', 'year', 32000, 32000));
    expect(salaryFromStructured({ currency: 'EUR', value: 4000, unitText: 'MONTH' })).toEqual(s(4000, 4000, 'EUR', 'month', 48000, 48000));
    expect(salaryFromStructured({ currency: 'EUR', value: { value: 'n/a' } })).toBeNull();
  });
});
