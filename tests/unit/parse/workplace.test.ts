import { describe, expect, it } from 'vitest';
import { parsePosting } from '../../../src/ingest/parse/index.ts';
import { detectWorkplace } from '../../../src/ingest/parse/workplace.ts';

describe('detectWorkplace', () => {
  it('reads a labelled telecommuting field by its value, not by its label', () => {
    expect(detectWorkplace('Travel: rare\nTelecommuting Options:\nOnsite\nWork Location: Denver')).toBe('onsite');
    expect(detectWorkplace('Telework eligible: No')).toBe('onsite');
    expect(detectWorkplace('Telecommuting options: Hybrid')).toBe('hybrid');
    expect(detectWorkplace('Telecommuting Options: Remote')).toBe('remote');
  });

  it('does not read an occasional or hedged on-site visit as an onsite job', () => {
    expect(detectWorkplace('You could be asked to be on site at times; ask the hiring team.')).toBeNull();
    expect(detectWorkplace('Expect occasional on-site workshops with the client.')).toBeNull();
    expect(detectWorkplace('Some roles might need on-site presence.')).toBeNull();
    expect(detectWorkplace('This is an on-site role in Leeds. Travel may be needed occasionally.')).toBe('onsite');
    expect(detectWorkplace('On-site, occasionally remote on Fridays.')).toBe('onsite');
  });

    it('still reads telecommuting in prose as remote', () => {
    expect(detectWorkplace('This role is open to telecommuting from any state.')).toBe('remote');
  });
});

describe('parsePosting with a Workday-style field list', () => {
  it('takes the workplace from the labelled field', () => {
    const page = '<html><body><main><h1>Platform Analyst</h1><p>Build reports for the county office.</p>'
      + '<p><b><u><span><span>T</span>elecommuting Options:</span></u></b></p>Onsite<p></p>'
      + '<p><b><u>Work Location:</u></b></p>Denver, CO</main></body></html>';
    expect(parsePosting(page).workplace).toBe('onsite');
  });
});
