import type { Sql } from 'postgres';

export type Interval = 'day' | 'week' | 'month';

export interface RoleTrendRow {
  period: string;
  role: string;
  count: number;
  share: number;
}

/**
 * Postings per role per period, with the share of all analysed postings in that period. A
 * posting's date is its datePosted, or the day we first saw it when the page gives none.
 */
export async function roleTrends(sql: Sql, q: { from: string; to: string; interval: Interval }): Promise<RoleTrendRow[]> {
  const rows = await sql<{ period: string; role: string; count: string; total: string }[]>`
    with dated as (
      select id, coalesce(date_posted, first_seen_at::date) as day
      from postings
      where status = 'done' and coalesce(date_posted, first_seen_at::date) between ${q.from}::date and ${q.to}::date
    ), bucketed as (
      select id, date_trunc(${q.interval}, day)::date as period from dated
    ), totals as (
      select period, count(*) as total from bucketed group by period
    )
    select to_char(b.period, 'YYYY-MM-DD') as period, r.role, count(*) as count, t.total
    from bucketed b
    join posting_roles r on r.posting_id = b.id
    join totals t on t.period = b.period
    group by b.period, r.role, t.total
    order by b.period, count desc, r.role`;
  return rows.map((r) => ({
    period: r.period,
    role: r.role,
    count: Number(r.count),
    share: Math.round((Number(r.count) / Number(r.total)) * 10_000) / 10_000,
  }));
}
