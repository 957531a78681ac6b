// The recruiter's form: a posting URL (or pasted text) in, the analysis with its evidence out.

import { request } from './api.js';
import { groupSkills, mentionSpans, realignSpans, segments, spansFit } from './evidence.js';
import { humanize, salaryText } from './format.js';
import { el } from './ui.js';

const WAIT_S = 10;
const POLL_MS = 1000;
const POLL_LIMIT_MS = 60_000;

/** Wires the form in `form` to render into `out`; `names` maps role/skill ids to names. */
export function recruiterForm(form, out, names) {
  const status = form.querySelector('.status');
  const say = (text, kind = '') => {
    status.textContent = text;
    status.className = `status ${kind}`;
  };

  const mode = () => form.elements.mode.value;
  const showMode = () => {
    for (const field of form.querySelectorAll('[data-mode]')) field.hidden = field.dataset.mode !== mode();
  };
  for (const radio of form.elements.mode) radio.addEventListener('change', showMode);
  showMode();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    const pasted = mode() === 'text' ? form.elements.text.value : null;
    const body = pasted !== null ? { text: pasted, ...(form.elements.title.value.trim() ? { title: form.elements.title.value.trim() } : {}) } : { url: form.elements.url.value.trim() };
    if (pasted !== null ? !pasted.trim() : !body.url) return say(pasted !== null ? 'Paste the posting text first.' : 'Enter the posting URL first.', 'error');
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    say(pasted !== null ? 'Analysing…' : 'Fetching and analysing the page…', 'loading');
    try {
      const posting = await submit(body, say);
      if (!posting) return;
      if (posting.status === 'failed') return say(`The posting could not be analysed: ${posting.error ?? 'unknown error'}`, 'error');
      say('');
      render(out, posting, pasted, names);
      out.hidden = false;
      out.querySelector('h2')?.focus();
    } finally {
      button.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
}

// POST with ?wait; a URL not done by then is polled until it is.
async function submit(body, say) {
  const res = await request(`/postings?wait=${WAIT_S}`, { method: 'POST', body });
  if (!res.ok) return say(res.message, 'error');
  let posting = res.data;
  const started = Date.now();
  while (posting.status === 'pending') {
    if (Date.now() - started > POLL_LIMIT_MS) return say(`Still queued after ${POLL_LIMIT_MS / 1000} s: try again later (posting ${posting.id}).`, 'error');
    say('Still working: the page is queued for fetching…', 'loading');
    await new Promise((r) => setTimeout(r, POLL_MS));
    const next = await request(`/postings/${posting.id}`);
    if (!next.ok) return say(next.message, 'error');
    posting = next.data;
  }
  return posting;
}

function render(out, posting, pasted, names) {
  const a = posting.analysis;
  // the third entry names the field in structuredData.fields, which says where its value came from
  const facts = [
    ['Company', a.company, 'company'],
    ['Location', a.location?.raw ?? [a.location?.city, a.location?.country].filter(Boolean).join(', '), 'location'],
    ['Workplace', a.workplace && humanize(a.workplace), 'workplace'],
    ['Employment', a.employmentType && humanize(a.employmentType), 'employmentType'],
    ['Salary', salaryText(a.salary), 'salary'],
    ['Seniority', a.seniority && humanize(a.seniority)],
    ['Industries', a.industries.map(humanize).join(', ')],
    ['Posted', a.datePosted, 'datePosted'],
  ];
  const origins = a.structuredData?.fields ?? {};
  const parts = [
    el('h2', { id: 'a-title', tabindex: '-1', text: a.title ?? 'Untitled posting' }),
    // Only web links become links: the page never renders another scheme as clickable.
    /^https?:\/\//i.test(posting.url ?? '') ? el('p', { class: 'muted' }, [el('a', { href: posting.url, rel: 'noopener noreferrer', target: '_blank', text: posting.url })]) : null,
    el('dl', { class: 'facts' }, facts.map(([k, v, field]) => el('div', { class: 'fact' }, [
      el('dt', { text: k }),
      el('dd', { class: v ? null : 'muted' }, [v || 'not stated', v && origins[field] ? el('small', { class: 'muted origin', text: ` from ${ORIGINS[origins[field]] ?? origins[field]}` }) : null]),
    ]))),
    rolesBlock(a.roles, names),
    skillsBlock(a.skills),
    evidenceBlock(a.skills, posting.description ?? a.description ?? null, pasted),
    structuredBlock(a.structuredData),
  ];
  out.replaceChildren(...parts.filter(Boolean));
}

function rolesBlock(roles, names) {
  const items = roles.map((r) =>
    el('li', { class: 'role' }, [
      el('span', { class: 'role-name', text: names.roleName(r.role) }),
      el('meter', { min: '0', max: '1', value: String(r.score), 'aria-label': `score ${r.score.toFixed(2)}` }),
      el('span', { class: 'num', text: r.score.toFixed(2) }),
      r.evidence.length ? el('span', { class: 'role-evidence muted', text: r.evidence.join(' · ') }) : null,
    ]),
  );
  return el('section', { class: 'block', 'aria-labelledby': 'a-roles' }, [
    el('h3', { id: 'a-roles', text: 'Roles' }),
    items.length ? el('ol', { class: 'roles' }, items) : el('p', { class: 'muted', text: 'No role in the taxonomy fits this posting.' }),
  ]);
}

function skillChip(s) {
  const mentions = s.mentions.map((m) => `“${m.text}”`).join(', ');
  const label = el('span', { class: 'chip-name', text: s.name });
  return el('li', { class: `chip ${s.requirement}${s.negated ? ' negated' : ''}`, title: `${s.category}; found as ${mentions}`, 'data-skill': s.skill }, [
    s.negated ? el('del', {}, [label]) : label,
    s.negated ? el('span', { class: 'sr-only', text: ' (negated: the posting says it is not needed)' }) : null,
  ]);
}

function skillsBlock(skills) {
  const groups = groupSkills(skills);
  const titles = { required: 'Required', preferred: 'Preferred', mentioned: 'Mentioned' };
  return el('section', { class: 'block', 'aria-labelledby': 'a-skills' }, [
    el('h3', { id: 'a-skills', text: `Skills (${skills.length})` }),
    el(
      'div',
      { class: 'skill-groups' },
      Object.entries(groups).map(([key, list]) =>
        el('div', { class: `skill-group ${key}`, 'data-group': key }, [
          el('h4', { text: `${titles[key]} (${list.length})` }),
          list.length ? el('ul', { class: 'chips' }, list.map(skillChip)) : el('p', { class: 'muted', text: 'none' }),
        ]),
      ),
    ),
  ]);
}

// The full text with marks where it can be had: the API's description if it sends one, else pasted
// text the spans can be re-anchored in; otherwise each mention with its offset.
function evidenceBlock(skills, description, pasted) {
  const spans = mentionSpans(skills);
  let text = null;
  let placed = null;
  if (description && spansFit(description, spans)) [text, placed] = [description, spans];
  else if (pasted) {
    const re = realignSpans(pasted, spans);
    if (re) [text, placed] = [pasted, re];
  }
  const head = el('h3', { id: 'a-evidence', text: 'Evidence' });
  const legend = el('p', { class: 'legend' }, [
    el('mark', { class: 'required', text: 'required' }), ' ', el('mark', { class: 'preferred', text: 'preferred' }), ' ',
    el('mark', { class: 'mentioned', text: 'mentioned' }), ' ', el('mark', { class: 'mentioned negated' }, [el('del', { text: 'negated' })]),
  ]);
  if (text) {
    const body = el(
      'div',
      { class: 'evidence-text', tabindex: '0', 'aria-label': 'Posting text with the skills found highlighted' },
      segments(text, placed).map((seg) =>
        seg.span ? el('mark', { class: `${seg.span.requirement}${seg.span.negated ? ' negated' : ''}`, title: `${seg.span.name} (${seg.span.negated ? 'negated' : seg.span.requirement})`, 'data-skill': seg.span.skill, text: seg.text }) : seg.text,
      ),
    );
    return el('section', { class: 'block', 'aria-labelledby': 'a-evidence' }, [head, legend, body]);
  }
  const rows = spans.map((s) =>
    el('li', { 'data-skill': s.skill }, [
      el('mark', { class: `${s.requirement}${s.negated ? ' negated' : ''}`, text: s.text }),
      el('span', { class: 'muted', text: ` ${s.name.toLowerCase() === s.text.toLowerCase() ? '' : `${s.name} · `}${s.negated ? 'negated' : s.requirement} · at ${s.start}–${s.end}` }),
    ]),
  );
  return el('section', { class: 'block', 'aria-labelledby': 'a-evidence' }, [
    head,
    el('p', { class: 'muted note', text: 'Each mention as the tagger found it, in order of its place in the description (at = character offsets). The API does not send the description text itself, so it cannot be shown marked up here.' }),
    legend,
    rows.length ? el('ol', { class: 'mentions' }, rows) : el('p', { class: 'muted', text: 'No skill was found.' }),
  ]);
}

/** structuredData.fields values, as the recruiter reads them next to each fact. */
const ORIGINS = {
  'json-ld': 'JSON-LD',
  microdata: 'microdata',
  rdfa: 'RDFa',
  meta: 'meta tags',
  'hiring-system': 'the hiring system’s page',
  html: 'the page’s HTML',
  text: 'the description text',
};

const SOURCES = {
  'json-ld': 'JSON-LD JobPosting markup',
  microdata: 'Microdata JobPosting markup',
  rdfa: 'RDFa JobPosting markup',
  html: 'the page’s HTML (no JobPosting markup)',
  text: 'pasted text (no markup to check)',
};

function structuredBlock(sd) {
  const source = SOURCES[sd.source] ?? sd.source;
  const issues = sd.issues.map((i) =>
    el('li', { class: `issue ${i.severity}` }, [el('span', { class: `badge ${i.severity}`, text: i.severity }), ' ', el('code', { text: i.property }), ` ${i.message}`]),
  );
  const errors = sd.issues.filter((i) => i.severity === 'error').length;
  return el('section', { class: 'block', 'aria-labelledby': 'a-markup' }, [
    el('h3', { id: 'a-markup', text: 'JobPosting markup' }),
    el('p', { text: `Source: ${source}. ${sd.issues.length ? `${sd.issues.length} issue${sd.issues.length > 1 ? 's' : ''} (${errors} error${errors === 1 ? '' : 's'}).` : 'No issues found.'}` }),
    issues.length ? el('ul', { class: 'issues' }, issues) : null,
  ]);
}

