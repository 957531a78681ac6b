// From a URL a user registers (a hiring system's careers page, a posting on it, or its API) to
// the API URL to pull. Custom domains cannot be recognised from the URL: those are detected
// from the fetched content instead (detect-feed-kind.ts).
import type { FeedKind } from './types.ts';

/** The feed to pull for a URL, when it names a known hiring system. */
export interface ResolvedFeed {
  kind: FeedKind;
  url: string;
}

/** A slug as these systems allow it in board names. */
const SLUG = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

type Resolver = (host: string, path: string[], url: URL) => ResolvedFeed | null;

/** Given a URL a user registers, the API URL to pull and its kind when the URL names a known hiring system. */
export function resolveFeedUrl(url: string): ResolvedFeed | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  const path = parsed.pathname.split('/').filter((part) => part !== '').map(safeDecode);
  for (const resolver of RESOLVERS) {
    const resolved = resolver(host, path, parsed);
    if (resolved !== null) return resolved;
  }
  return null;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function slug(value: string | null | undefined): string | null {
  return value !== null && value !== undefined && SLUG.test(value) ? value : null;
}

function feed(kind: FeedKind, url: string): ResolvedFeed {
  return { kind, url };
}

// EU boards (job-boards.eu.greenhouse.io) are served by the same global API host.
const greenhouse: Resolver = (host, path, url) => {
  if (host === 'boards-api.greenhouse.io' && path[0] === 'v1' && path[1] === 'boards') return board(path[2]);
  if (!/^(boards|job-boards)(\.eu)?\.greenhouse\.io$/.test(host)) return null;
  if (path[0] === 'embed') return board(url.searchParams.get('for'));
  return board(path[0]);
  function board(name: string | null | undefined): ResolvedFeed | null {
    const token = slug(name);
    return token === null ? null : feed('greenhouse', `https://boards-api.greenhouse.io/v1/boards/${token}/jobs?content=true`);
  }
};

const lever: Resolver = (host, path) => {
  const api = /^api(\.eu)?\.lever\.co$/.exec(host);
  const site = api !== null ? (path[0] === 'v0' && path[1] === 'postings' ? slug(path[2]) : null)
    : /^jobs(\.eu)?\.lever\.co$/.test(host) ? slug(path[0]) : null;
  if (site === null) return null;
  const eu = host.includes('.eu.') ? '.eu' : '';
  return feed('lever', `https://api${eu}.lever.co/v0/postings/${site}?mode=json`);
};

const ashby: Resolver = (host, path) => {
  let org: string | null = null;
  if (host === 'jobs.ashbyhq.com') org = slug(path[0]);
  if (host === 'api.ashbyhq.com' && path[0] === 'posting-api' && path[1] === 'job-board') org = slug(path[2]);
  return org === null ? null : feed('ashby', `https://api.ashbyhq.com/posting-api/job-board/${org}?includeCompensation=true`);
};

const workable: Resolver = (host, path) => {
  let account: string | null = null;
  if (host === 'apply.workable.com') {
    if (path[0] === 'api') account = path[1] === 'v1' && path[2] === 'widget' && path[3] === 'accounts' ? slug(path[4]) : null;
    else if (path[0] !== 'j') account = slug(path[0]);
  } else if (host === 'www.workable.com' && path[0] === 'api' && path[1] === 'accounts') {
    account = slug(path[2]);
  } else {
    const sub = /^([a-z0-9-]+)\.workable\.com$/.exec(host)?.[1];
    if (sub !== undefined && !['www', 'apply', 'jobs', 'api'].includes(sub)) account = sub;
  }
  return account === null ? null : feed('workable', `https://apply.workable.com/api/v1/widget/accounts/${account}?details=true`);
};

const smartrecruiters: Resolver = (host, path) => {
  let company: string | null = null;
  if (host === 'jobs.smartrecruiters.com' || host === 'careers.smartrecruiters.com') company = slug(path[0]);
  if (host === 'api.smartrecruiters.com' && path[0] === 'v1' && path[1] === 'companies') company = slug(path[2]);
  // The API pages 10 postings at a time by default; 100 is its maximum page.
  return company === null ? null : feed('smartrecruiters', `https://api.smartrecruiters.com/v1/companies/${company}/postings?limit=100`);
};

const recruitee: Resolver = (host) => {
  const company = /^([a-z0-9-]+)\.recruitee\.com$/.exec(host)?.[1];
  return company === undefined || company === 'www' || company === 'api'
    ? null
    : feed('recruitee', `https://${company}.recruitee.com/api/offers/`);
};

const personio: Resolver = (host, _path, url) => {
  const match = /^([a-z0-9-]+)\.jobs\.personio\.(de|com)$/.exec(host);
  if (match === null) return null;
  const language = url.searchParams.get('language');
  const query = language !== null && /^[a-z]{2}$/.test(language) ? `?language=${language}` : '';
  return feed('personio', `https://${match[1]}.jobs.personio.${match[2]}/xml${query}`);
};

const teamtailor: Resolver = (host) => {
  const site = /^([a-z0-9-]+)\.teamtailor\.com$/.exec(host)?.[1];
  return site === undefined || site === 'www' || site === 'app' || site === 'api'
    ? null
    : feed('teamtailor', `https://${host}/jobs.json`);
};

const RESOLVERS: Resolver[] = [greenhouse, lever, ashby, workable, smartrecruiters, recruitee, personio, teamtailor];
