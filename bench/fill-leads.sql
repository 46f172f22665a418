-- Fills the lead table of a lead-handoff database with up to 1,000,000 synthetic leads for report
-- timings (MariaDB 10.6+ / MySQL 8.0+). Inserts the leads numbered (@lo, @hi]; run it in chunks of
-- 100,000 (one transaction each stays within InnoDB's lock table), against a migrated database:
--   for i in $(seq 0 9); do (echo "set @lo = $((i * 100000)), @hi = $(((i + 1) * 100000));"; cat bench/fill-leads.sql) | mariadb -uroot lh_bench; done
-- Statuses, sources, campaigns, scores and feedback timestamps are spread like a busy install's, over
-- @span seconds from @start (default: 28,000,000 s from 2026-01-01; bench/report-refresh.sh puts a busy
-- day's leads into today with @start = today, @span = 86400).
set @start = coalesce(@start, timestamp '2026-01-01 00:00:00'), @span = coalesce(@span, 28000000);
create temporary table digits (d int primary key);
insert into digits values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9);
insert into lead (id, status, source, external_id, email, open_email, domain, free_email, title, country,
                  employee_count, campaign, form_submissions, page_views, email_clicks, webinars_attended, touches,
                  created_at, updated_at, version, score_fit, score_engagement, score_total, score_grade,
                  score_model_version, queue_id, owner_rep_id, routed_at, queued_at, sla_breaches,
                  first_claimed_at, first_feedback_at, accepted_at, rejected_at, converted_at, won_at, outcome_reason,
                  feedback_rep_id, deal_amount, disqualified)
select concat('B', lpad(n, 25, '0')),
       case n % 10 when 0 then 'REJECTED' when 1 then 'ACCEPTED' when 2 then 'WON' when 3 then 'DISQUALIFIED' else 'QUEUED' end,
       elt(1 + n % 5, 'hubspot', 'marketo', 'mautic', 'web', 'partner'),
       concat('ext-', n), concat('bench', n, '@corp', n % 5000, '.example'),
       case when n % 10 in (0, 2) then null else concat('bench', n, '@corp', n % 5000, '.example') end,
       concat('corp', n % 5000, '.example'), false, 'VP Sales', elt(1 + n % 4, 'US', 'GB', 'DE', 'FR'),
       n % 5000, concat('campaign-', n % 40), n % 3, n % 30, n % 5, n % 2, 1,
       @start + interval (n % @span) second,
       @start + interval (n % @span) second, 0,
       n % 100, (n * 7) % 100, (n * 3) % 101, elt(1 + n % 4, 'A', 'B', 'C', 'D'), 1,
       case when n % 10 = 3 then null else elt(1 + n % 3, 'inbound', 'enterprise', 'smb') end,
       concat('rep-', n % 60),
       @start + interval (n % @span) second,
       @start + interval (n % @span) second, n % 17 = 0,
       case when n % 10 in (0, 1, 2) then @start + interval (n % @span + 600 + n % 3600) second end,
       case when n % 10 in (0, 1, 2) then @start + interval (n % @span + 7200 + n % 86400) second end,
       case when n % 10 in (1, 2) then @start + interval (n % @span + 7200 + n % 86400) second end,
       case when n % 10 = 0 then @start + interval (n % @span + 7200) second end,
       case when n % 10 = 2 then @start + interval (n % @span + 90000) second end,
       case when n % 10 = 2 then @start + interval (n % @span + 900000) second end,
       case when n % 10 = 0 then elt(1 + n % 4, 'NOT_A_FIT', 'NO_BUDGET', 'SPAM', 'BAD_TIMING') end,
       concat('rep-', n % 60),
       case when n % 10 = 2 then 10000 + n % 90000 end,
       n % 10 = 3
from (select a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d + 100000 * g.d + 1 as n
      from digits a, digits b, digits c, digits e, digits f, digits g) seq
where n > @lo and n <= @hi;
