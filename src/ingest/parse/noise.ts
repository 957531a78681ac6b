// Page chrome that is never part of a posting: navigation, cookie banners, "similar jobs" lists.
import type { Element } from './dom.ts';

const NOISE_TAGS = new Set(['nav', 'header', 'footer', 'aside', 'form', 'dialog']);
const NOISE_NAME = /(?:^|[\s_-])(?:cookie|cookies|consent|gdpr|onetrust|cc-banner|banner|navbar|nav|menu|breadcrumbs?|share|sharing|social|similar|related|recommended|more-jobs|other-jobs|jobs-list|newsletter|subscribe|modal|popup|sidebar|site-header|site-footer|skip-link|visually-hidden|sr-only|apply-form|application-form|apply|btn-apply|apply-button|postings-btn|last-section-apply)(?:$|[\s_-])/i;
const NOISE_ROLE = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'dialog', 'alertdialog', 'search']);

/** True for elements holding page chrome rather than posting content. */
export function isNoise(el: Element): boolean {
  if (NOISE_TAGS.has(el.name)) return true;
  const a = el.attribs;
  if (a.hidden !== undefined || a['aria-hidden'] === 'true') return true;
  const role = a.role;
  if (role && NOISE_ROLE.has(role)) return true;
  const cls = a.class;
  const id = a.id;
  if ((cls && NOISE_NAME.test(cls)) || (id && NOISE_NAME.test(id))) return true;
  const style = a.style;
  return style !== undefined && /display\s*:\s*none/i.test(style);
}
