import { describe, expect, it } from 'vitest';
import { detectFeedKind } from '../../../src/ingest/feeds/index.ts';
import { fixture } from './fixture.ts';

const plain = (body: string, url = 'https://feeds.example/whatever', contentType: string | null = null) => detectFeedKind({ url, contentType, body });

describe('detectFeedKind', () => {
  it.each([
    ['greenhouse-jobs.json', 'greenhouse'],
    ['lever-postings.json', 'lever'],
    ['ashby-job-board.json', 'ashby'],
    ['workable-widget.json', 'workable'],
    ['smartrecruiters-postings.json', 'smartrecruiters'],
    ['smartrecruiters-posting.json', 'smartrecruiters'],
    ['recruitee-offers.json', 'recruitee'],
    ['personio.xml', 'personio'],
    ['teamtailor-jobs.json', 'teamtailor'],
    ['json-feed.json', 'json-feed'],
    ['rss.xml', 'rss'],
    ['neogov-rss.xml', 'rss'],
    ['rss1-rdf.xml', 'rss'],
    ['atom.xml', 'atom'],
    ['sitemap.xml', 'sitemap'],
    ['sitemap-index.xml', 'sitemap'],
  ])('%s is %s from its content alone', (name, kind) => {
    expect(plain(fixture(name))).toBe(kind);
  });

  it('reads past a BOM, comments and a DOCTYPE to the root element', () => {
    const body = '\uFEFF<?xml version="1.0"?>\n<!-- generated -->\n<!DOCTYPE rss [<!ENTITY x "y">]>\n<rss version="2.0"><channel/></rss>';
    expect(plain(body)).toBe('rss');
  });

  it('finds no root in a prolog that never ends', () => {
    expect(plain('<?xml version="1.0"?><!-- never closed <rss>')).toBeNull();
    expect(plain('<!DOCTYPE rss [<!ENTITY x "y"> <rss>')).toBeNull();
    expect(plain('<!DOCTYPE html><html><body><![CDATA[x]]></body></html>')).toBeNull();
  });

  it('tells empty API responses apart by their envelope or, failing that, the URL', () => {
    expect(plain('{"jobs": [], "meta": {"total": 0}}')).toBe('greenhouse');
    expect(plain('{"jobs": [], "apiVersion": "1"}')).toBe('ashby');
    expect(plain('{"name": "Brightmoss", "jobs": []}')).toBe('workable');
    expect(plain('{"offers": []}')).toBe('recruitee');
    expect(plain('[]', 'https://api.lever.co/v0/postings/fernbrook?mode=json')).toBe('lever');
    expect(plain('[]')).toBeNull();
  });

  it('calls a JSON Feed from a Teamtailor host teamtailor', () => {
    expect(plain(fixture('json-feed.json'), 'https://glimmerfen.teamtailor.com/jobs.json')).toBe('teamtailor');
  });

  it.each([
    ['', null],
    ['   ', null],
    ['<!doctype html><html><head><title>Careers</title></head></html>', 'text/html'],
    ['{"hello": "world"}', 'application/json'],
    ['{"jobs": [', 'application/json'],
    ['plain text', 'text/plain'],
    ['[1, 2, 3]', 'application/json'],
  ])('%j is no feed', (body, contentType) => {
    expect(plain(body, 'https://feeds.example/x', contentType)).toBeNull();
  });
});
