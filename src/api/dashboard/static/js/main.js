// The dashboard page: filters (kept in the URL) drive every panel; the taxonomy names roles and skills.

import { apiKey, get, setApiKey } from './api.js';
import { humanize } from './format.js';
import { cooccurrencePanel } from './panels/cooccurrence.js';
import { rolesPanel } from './panels/roles.js';
import { salariesPanel } from './panels/salaries.js';
import { skillSeriesPanel } from './panels/skill-series.js';
import { skillsPanel } from './panels/skills.js';
import { FILTER_DEFAULTS, FILTER_KEYS, filtersFromSearch, toQuery } from './query.js';
import { recruiterForm } from './recruiter.js';
import { chartDefaults, el, wireCsvLinks } from './ui.js';

// The default taxonomy's roles (PRODUCT.md), named until /taxonomy answers (or if it cannot).
const roleNames = new Map([
  ['full-stack', 'Full-Stack Development'],
  ['data-science-ml', 'Data Science & ML'],
  ['automation-devops', 'Automation & DevOps'],
  ['security-scalability', 'Security & Scalability'],
  ['api-integration', 'API Development & Integration'],
]);
const skillNames = new Map();
// What every panel is handed: names for ids, and where refused filters are reported.
const ctx = {
  onProblem: (res) => onProblem(res),
  roleName: (id) => roleNames.get(id) ?? humanize(id),
  skillName: (id) => skillNames.get(id) ?? id,
};

const form = document.getElementById('filters');
const applied = document.getElementById('applied');

function readForm() {
  const data = new FormData(form);
  const filters = {};
  for (const key of FILTER_KEYS) {
    const v = String(data.get(key) ?? '').trim();
    if (v) filters[key] = key === 'country' ? v.toUpperCase() : v;
  }
  return filters;
}

function writeForm(filters) {
  for (const key of FILTER_KEYS) {
    const field = form.elements[key];
    if (!field) continue;
    field.value = filters[key] ?? FILTER_DEFAULTS[key] ?? ''; // a RadioNodeList takes .value too
  }
}

// A filter value the dropdown does not list yet (taxonomy still loading or unavailable) is kept as an option.
function ensureOption(select, value, label) {
  if (value && ![...select.options].some((o) => o.value === value)) select.append(new Option(label, value));
}

function fillTaxonomy(taxonomy) {
  for (const r of taxonomy.roles) roleNames.set(r.id, r.name);
  for (const s of taxonomy.skills) skillNames.set(s.id, s.name);
  const role = form.elements.role;
  role.replaceChildren(new Option('All roles', ''), ...taxonomy.roles.map((r) => new Option(r.name, r.id)));
  const byCategory = new Map();
  for (const s of [...taxonomy.skills].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!byCategory.has(s.category)) byCategory.set(s.category, []);
    byCategory.get(s.category).push(s);
  }
  const skill = form.elements.skill;
  skill.replaceChildren(
    new Option('All skills', ''),
    ...[...byCategory.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([cat, list]) => el('optgroup', { label: humanize(cat) }, list.map((s) => new Option(s.name, s.id)))),
  );
}

const asOf = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

function showApplied(meta) {
  const parts = [];
  if (meta.from && meta.to) parts.push(`${meta.from} to ${meta.to}`);
  const facets = [
    meta.role && ctx.roleName(meta.role),
    meta.skill && `asking for ${ctx.skillName(meta.skill)}`,
    meta.country && `in ${meta.country}`,
    meta.workplace && humanize(meta.workplace),
    meta.seniority && humanize(meta.seniority),
  ].filter(Boolean);
  parts.push(`${meta.count === 'unique' ? 'unique openings (reposts folded)' : 'all postings'}${facets.length ? `: ${facets.join(', ')}` : ''}`);
  if (meta.open === 'open') parts.push('open only');
  if (meta.refreshedAt) parts.push(`numbers as of ${asOf.format(new Date(meta.refreshedAt))}`);
  applied.textContent = `Showing ${parts.join(' · ')}.`;
}

// A filter the API refuses (400 naming query.<field>) is marked on the form once, not only in each panel.
const filterProblem = document.getElementById('filter-problem');
function clearFilterProblem() {
  filterProblem.hidden = true;
  for (const field of form.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid');
}
function onProblem(res) {
  const fields = res.status === 400 ? [...res.message.matchAll(/query\.(\w+)/g)].map((m) => m[1]).filter((k) => FILTER_KEYS.includes(k)) : [];
  if (fields.length === 0) return false;
  for (const key of fields) form.querySelector(`[name=${key}]`)?.setAttribute('aria-invalid', 'true');
  filterProblem.textContent = `The API refused these filters: ${res.message}`;
  filterProblem.hidden = false;
  applied.textContent = '';
  return true;
}

async function main() {
  chartDefaults();
  wireCsvLinks(document.getElementById('trends'));
  wireApiKey();

  let topSkill = null;
  const roles = rolesPanel(document.getElementById('panel-roles'), { ...ctx, onMeta: showApplied });
  const cooc = cooccurrencePanel(document.getElementById('panel-cooccurrence'), ctx);
  const skills = skillsPanel(document.getElementById('panel-skills'), {
    ...ctx,
    onSkills: (rows) => {
      if (!rows[0] || rows[0].skill === topSkill) return;
      topSkill = rows[0].skill;
      if (!skillNames.size) cooc.setOptions(rows.map((r) => ({ id: r.skill, name: r.name ?? r.skill })));
      cooc.update(readForm(), topSkill);
    },
  });
  const series = skillSeriesPanel(document.getElementById('panel-skill-series'), ctx);
  const salaries = salariesPanel(document.getElementById('panel-salaries'), ctx);
  recruiterForm(document.getElementById('recruiter-form'), document.getElementById('analysis'), ctx);

  const initial = filtersFromSearch(location.search);
  writeForm(initial);

  const taxonomy = await get('/taxonomy').catch(() => null);
  if (taxonomy?.ok) {
    fillTaxonomy(taxonomy.data);
    cooc.setOptions(taxonomy.data.skills.map((s) => ({ id: s.id, name: s.name })).sort((a, b) => a.name.localeCompare(b.name)));
  } else {
    // Without /taxonomy the dropdowns still offer the default roles; skills come from the top list.
    for (const [id, name] of roleNames) ensureOption(form.elements.role, id, name);
    form.elements.role.title = 'Role names unavailable: /taxonomy did not answer';
  }
  ensureOption(form.elements.role, initial.role, ctx.roleName(initial.role));
  ensureOption(form.elements.skill, initial.skill, ctx.skillName(initial.skill));
  writeForm(initial);

  const refresh = () => {
    const filters = readForm();
    clearFilterProblem();
    history.replaceState(null, '', `${location.pathname}${toQuery(filters)}${location.hash}`);
    roles.update(filters);
    skills.update(filters);
    series.update(filters);
    salaries.update(filters);
    // Python until the top skill is known: the taxonomy grew from Python roles, so it is nearly always there.
    cooc.update(filters, topSkill ?? 'python');
  };

  form.addEventListener('change', (event) => {
    if (event.target.name === 'country' && !event.target.checkValidity()) return event.target.reportValidity();
    refresh();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (form.checkValidity()) refresh();
  });
  form.addEventListener('reset', () => setTimeout(refresh)); // after the browser has reset the fields
  refresh();
}

function wireApiKey() {
  const box = document.getElementById('api-key');
  const input = document.getElementById('api-key-input');
  input.value = apiKey();
  box.querySelector('summary').textContent = apiKey() ? 'API key ✓' : 'API key';
  document.getElementById('api-key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    setApiKey(input.value.trim());
    location.reload();
  });
  document.getElementById('api-key-clear').addEventListener('click', () => {
    setApiKey('');
    location.reload();
  });
  // A panel that was refused opens the key box, so the fix is one click away.
  new MutationObserver(() => {
    if (document.querySelector('.panel[data-state=auth]')) box.open = true;
  }).observe(document.getElementById('trends'), { subtree: true, attributes: true, attributeFilter: ['data-state'] });
}

main().catch((err) => {
  applied.textContent = `The dashboard failed to start: ${err.message}`;
  applied.classList.add('error');
});
