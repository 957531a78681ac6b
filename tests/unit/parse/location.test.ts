import { describe, expect, it } from 'vitest';
import { locationFromPlace, parseLocationText, parseLocations } from '../../../src/ingest/parse/location.ts';

const loc = (city: string | null, region: string | null, country: string | null) => expect.objectContaining({ city, region, country });

describe('parseLocationText', () => {
  it.each([
    ['Berlin, Germany', loc('Berlin', null, 'DE')],
    ['London, UK', loc('London', null, 'GB')],
    ['Austin, TX', loc('Austin', 'TX', 'US')],
    ['Kirkland WA', loc('Kirkland', 'WA', 'US')],
    ['Toronto, Ontario', loc('Toronto', 'Ontario', 'CA')],
    ['San Francisco, CA, United States', loc('San Francisco', 'CA', 'US')],
    ['Rotterdam, South Holland, Netherlands', loc('Rotterdam', 'South Holland', 'NL')],
    ['München, Deutschland', loc('München', null, 'DE')],
    ['US-CA-San Diego', loc('San Diego', 'CA', 'US')],
    ['Remote (US)', loc(null, null, 'US')],
    ['Remote within Europe', loc(null, null, null)],
    ['Singapore', loc(null, null, 'SG')],
    ['Leeds, U.K.', loc('Leeds', null, 'GB')],
    ['Remote (U.S.)', loc(null, null, 'US')],
    ['Savannah, Georgia', loc('Savannah', 'Georgia', 'US')],
    ['Batumi, Georgia', loc('Batumi', null, 'GE')],
    ['Arlington, D.C.', loc('Arlington', 'D.C.', 'US')],
    ['Remote (Oregon, US)', loc(null, 'Oregon', 'US')],
    ['Manitoba, CAN', loc(null, 'Manitoba', 'CA')],
    ['Remote - Ohio', loc(null, 'Ohio', 'US')],
    ['New York, USA', loc('New York', null, 'US')],
    ['Anywhere in the U.S. (remote job)', loc(null, null, 'US')],
    ['Anywhere in the world', loc(null, null, null)],
    ['Remote from Indianapolis', loc('Indianapolis', null, null)],
    ['Remote role - Lisbon, Portugal', loc('Lisbon', null, 'PT')],
    ['On-site in The Hague', loc('The Hague', null, null)],
    ['Americas, Europe, Israel', loc(null, null, 'IL')],
    ['Berlin, Europe', loc('Berlin', null, null)],
    ['Chile, Peru, Colombia', loc(null, null, 'CO')],
    ['Luxembourg, Luxembourg, Luxembourg', loc('Luxembourg', null, 'LU')],
    ['Lebanon, NH, USA', loc('Lebanon', 'NH', 'US')],
    ['Munich, BY, Germany', loc('Munich', 'BY', 'DE')],
    ['Atlanta, Georgia, USA', loc('Atlanta', 'Georgia', 'US')],
  ])('%s', (text, expected) => expect(parseLocationText(text)).toEqual(expected));

  it('keeps the raw text', () => expect(parseLocationText('  Berlin,   Germany ')?.raw).toBe('Berlin, Germany'));
});

describe('parseLocations', () => {
  it('splits several places', () => {
    expect(parseLocations('London, UK / New York, NY; Remote (Canada)')).toEqual([
      loc('London', null, 'GB'), loc('New York', 'NY', 'US'), loc(null, null, 'CA'),
    ]);
  });
});

describe('locationFromPlace', () => {
  it('reads PostalAddress, Country objects and text addresses', () => {
    expect(locationFromPlace({ '@type': 'Place', address: { addressLocality: 'Lyon', addressCountry: { '@type': 'Country', name: 'France' } } }))
      .toEqual(loc('Lyon', null, 'FR'));
    expect(locationFromPlace({ '@type': 'Place', address: 'Bristol, England' })).toEqual(loc('Bristol', null, 'GB'));
    expect(locationFromPlace({ address: { addressCountry: 'DEU' } })).toEqual(loc(null, null, 'DE'));
    expect(locationFromPlace(null)).toBeNull();
  });

  it('drops an addressRegion that is a continent or the address\'s own country (Teamtailor writes both)', () => {
    expect(locationFromPlace({ address: { addressLocality: 'Porto', addressRegion: 'Europe', addressCountry: 'PT' } }))
      .toEqual(loc('Porto', null, 'PT'));
    expect(locationFromPlace({ address: { addressLocality: 'Oslo', addressRegion: 'Norway', addressCountry: 'NO' } }))
      .toEqual(loc('Oslo', null, 'NO'));
    expect(locationFromPlace({ address: { addressLocality: 'Macon', addressRegion: 'Georgia', addressCountry: 'US' } }))
      .toEqual(loc('Macon', 'Georgia', 'US'));
    expect(locationFromPlace({ address: { addressLocality: 'Cardiff', addressRegion: 'Wales', addressCountry: 'GB' } }))
      .toEqual(loc('Cardiff', 'Wales', 'GB'));
  });
});
