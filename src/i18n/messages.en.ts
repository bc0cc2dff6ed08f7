/**
 * English catalogue: the source of truth for message keys ({@link MessageKey}).
 * Flat `key → text`; `{name}` placeholders are filled by `t()`.
 */
export const en = {
  // SMART check on submit (Doran 1981): each text says what to do next.
  'smart.title_required': 'Give the outcome a title.',
  'smart.title_too_long': 'Keep the title to {max} characters or fewer.',
  'smart.description_required': 'Describe the outcome: what changed, for whom, and how you know.',
  'smart.description_too_short': 'Add more detail to the description (at least {min} characters) so reviewers can see what changed.',
  'smart.indicator_class_required': 'Choose an indicator class: process, output or impact.',
  'smart.indicator_class_invalid': 'Choose one of the listed indicator classes: process, output or impact.',
  'smart.project_required': 'Choose the project this outcome belongs to.',
  'smart.owner_required': 'Choose an owner who is accountable for this outcome.',
  'smart.due_date_required': 'Set the due or go-live date.',
  'smart.due_date_invalid': 'Enter a valid due or go-live date.',
  'smart.metrics_required': 'Add at least one metric with a baseline and a target.',
  'smart.metrics_too_many': 'Use at most {max} metrics; keep the ones that matter most.',
  'smart.metric_name_required': 'Name the metric.',
  'smart.metric_unit_required': 'Enter the unit of the metric (for example min, %, or tickets).',
  'smart.metric_direction_invalid': 'Choose whether the metric should increase or decrease.',
  'smart.baseline_required': 'Enter the baseline as a number.',
  'smart.target_required': 'Enter the target as a number.',
  'smart.target_equals_baseline': 'The target must differ from the baseline.',
  'smart.target_wrong_direction':
    'The target is on the wrong side of the baseline: set it above the baseline if the metric should increase, below it if it should decrease.',
  'smart.actual_not_number': 'Enter the actual value as a number, or leave it empty.',
  'smart.evidence_ref_required': 'Add a link or file for this piece of evidence, or remove it.',
  'smart.evidence_bad_url': 'Enter a full link starting with http:// or https://.',
  'smart.reviewer_required': 'Choose who reviews this outcome (usually your manager).',
  'smart.reviewer_is_self': 'Choose someone else: you can’t review your own outcome.',

  'score.required': 'Give a score from 1 to 5 for impact, difficulty and innovation before approving.',
  'score.out_of_range': 'Enter a whole number from {min} to {max}.',
  'okr.score_out_of_range': 'A key-result score must be between {min} and {max}.',

  'schedule.invalid_time_zone': '“{timeZone}” is not a known time zone; use a name such as Asia/Shanghai.',
  'schedule.offset_invalid': 'The review offset must be a whole number of days (0 or more).',
  'schedule.hour_invalid': 'The delivery hour must be a whole number from 0 to 23.',
  'schedule.date_invalid': 'The go-live date is not a valid date.',
  'schedule.no_working_day': 'The working-day calendar has no working day in the next year; check its extra days off.',
  'error.calendar_not_covered': 'The China working-day calendar covers {first}–{last}, and {day} is outside it. Update the chinese-days package, or switch the calendar to Monday–Friday in the settings.',

  'error.validation_failed': 'Some fields need attention; see the notes next to them.',
  'error.not_found': 'We couldn’t find that. It may have been deleted, or the link is out of date.',
  'error.forbidden': 'You don’t have permission to do that. Ask your admin if you need access.',
  'error.not_assigned_reviewer': 'This review is assigned to someone else.',
  'error.self_review': 'You can’t review your own outcome; another reviewer will handle it.',
  'error.illegal_transition': 'An outcome that is “{from}” can’t be changed with “{action}”. Refresh to see its current status.',
  'error.already_decided': 'This has already been decided; the card shows the latest decision.',
  'error.comment_required': 'Add a comment so the submitter knows why, or what to change.',
  'error.platform_off': '{platform} isn’t connected yet. Ask your admin to set it up.',
  'error.unauthorized': 'We couldn’t verify this request. Sign in again or reopen the app.',
  'error.bad_request': 'This request could not be read: {reason}.',
  'error.upstream': '{platform} did not answer; try again later.',
  'error.too_large': 'This request is too large (at most {limit} bytes).',
  'error.pmo_not_configured': 'No PMO reviewer is set up yet, so nobody could verify this outcome. Ask your admin to name one (/outcome admin pmo …); nothing was changed.',
  'error.admin_only': 'Only Outcome admins can change this. Ask your workspace admin or the person who installed Outcome.',
  'settings.days_invalid': 'Enter a whole number of days from {min} to {max}.',
  'settings.threshold_invalid': 'Enter the threshold as a percentage between 1 and 99.',
  'settings.locale_invalid': 'Choose zh-CN or en.',
  'settings.calendar_invalid': 'Choose mon_fri (Monday to Friday) or cn_mainland (mainland China).',
  'settings.extra_days_invalid': 'Write each date as YYYY-MM-DD (a real date), at most {max} of them.',
  'settings.escalation_before_reminder': 'The escalation ({escalation} days) can’t come before the reminder ({reminder} days); choose at least as many days as the reminder.',
  'error.settings_busy': 'The settings were being changed by someone else at the same moment; please try again.',
  'manager.unknown': 'Choose a manager from this workspace.',
  'manager.self': 'A person cannot be their own manager.',
  'manager.cycle': 'This would make a loop of managers; choose someone else.',
  'error.internal': 'Something went wrong on our side; please try again. If it persists, tell your admin (ref {ref}).',

  'status.draft': 'Draft',
  'status.submitted': 'Submitted',
  'status.manager_approved': 'Approved by manager',
  'status.verified': 'Verified',
  'status.changes_requested': 'Changes requested',
  'status.rejected': 'Rejected',

  'indicator.process': 'Process',
  'indicator.output': 'Output',
  'indicator.impact': 'Impact',

  'stage.manager': 'Manager review',
  'stage.pmo': 'PMO review',

  'decision.approve': 'Approve',
  'decision.request_changes': 'Request changes',
  'decision.reject': 'Reject',

  'direction.increase': 'Increase',
  'direction.decrease': 'Decrease',

  'nps.promoters': 'Promoters',
  'nps.passives': 'Passives',
  'nps.detractors': 'Detractors',
  'nps.hidden_below_min': 'Results are hidden until at least {min} people have answered, to keep answers anonymous.',

  'alert.shortfall':
    '{metric}: target {baseline} → {target}, achieved {baseline} → {actual}: {progress} of the targeted change, {shortfall} short.',
} satisfies Record<string, string>;

/** Every message key; the zh-CN catalogue must define exactly these. */
export type MessageKey = keyof typeof en;
