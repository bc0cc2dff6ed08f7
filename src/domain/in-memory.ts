import type { AuditEntry, ManagerChange, NewDecision, NewResubmission, NewReviewResult, NewResponse, NewSubmission, NewSurvey, Notification, OutcomeRecord, OutcomeRepo, PeopleDirectory, PersonRef, ReviewRecord, ReviewRepo, SurveyRecord, SurveyRepo } from './ports.ts';
import type { WorkspaceSettingsShape } from './settings.ts';

/**
 * In-memory twins of the domain's ports, for unit tests and local experiments. They keep
 * the same guarantees as the database: a client key stores once, a stage decides once.
 */
export class InMemoryOutcomeRepo implements OutcomeRepo {
  readonly outcomes = new Map<string, OutcomeRecord>();
  readonly reviews: NewDecision[] = [];
  readonly audit: AuditEntry[] = [];
  readonly notifications: Notification[] = [];
  readonly schedules: { outcomeId: string; kind: string; dueAt: Date }[] = [];
  readonly goLive = new Map<string, Date>();
  private readonly clientKeys = new Map<string, string>();

  async get(workspaceId: string, id: string) {
    const o = this.outcomes.get(id);
    return o && o.workspaceId === workspaceId ? { ...o } : null;
  }

  /** Project ids of the workspace (a project with a go-live date counts too). */
  readonly projects = new Set<string>();

  async projectExists(_workspaceId: string, projectId: string) {
    return this.projects.has(projectId) || this.goLive.has(projectId);
  }

  async projectGoLive(_workspaceId: string, projectId: string) {
    return this.goLive.get(projectId) ?? null;
  }

  async saveSubmission(s: NewSubmission) {
    const key = s.outcome.clientKey && `${s.workspaceId}:${s.outcome.clientKey}`;
    const existing = key ? this.clientKeys.get(key) : undefined;
    if (existing) return { result: 'duplicate' as const, outcomeId: existing };
    if (key) this.clientKeys.set(key, s.outcome.id);
    const { description: _d, indicatorClass: _i, clientKey: _c, submittedAt: _s, ...record } = s.outcome;
    this.outcomes.set(s.outcome.id, { ...record, workspaceId: s.workspaceId });
    this.audit.push(s.audit);
    this.addNotifications(s.notifications);
    return { result: 'stored' as const, outcomeId: s.outcome.id };
  }

  async recordDecision(d: NewDecision) {
    if (this.reviews.some((r) => r.outcomeId === d.outcomeId && r.round === d.round && r.stage === d.stage)) return 'already_decided' as const;
    const o = this.outcomes.get(d.outcomeId);
    if (!o || o.status !== d.fromStatus) return 'already_decided' as const;
    this.reviews.push(d);
    this.outcomes.set(o.id, { ...o, status: d.toStatus, reviewerId: null });
    this.audit.push(d.audit);
    this.addNotifications(d.notifications);
    for (const s of d.schedules)
      if (!this.schedules.some((x) => x.outcomeId === d.outcomeId && x.kind === s.kind)) this.schedules.push({ outcomeId: d.outcomeId, ...s });
    return 'decided' as const;
  }

  async saveResubmission(r: NewResubmission) {
    const o = this.outcomes.get(r.outcomeId);
    if (!o || o.status !== 'changes_requested' || o.round !== r.round) return 'stale' as const;
    const { title, projectId, ownerId, dueAt, reviewerId } = r.fields;
    this.outcomes.set(o.id, { ...o, title, projectId, ownerId, dueAt, reviewerId, status: 'submitted', round: r.round + 1 });
    this.audit.push(r.audit);
    this.addNotifications(r.notifications);
    return 'stored' as const;
  }

  /** Stored settings as JSON text, which doubles as their version (as in the database). */
  readonly settings = new Map<string, string>();

  async readSettings(workspaceId: string) {
    const version = this.settings.get(workspaceId);
    return version === undefined ? null : { version, settings: JSON.parse(version) as WorkspaceSettingsShape };
  }

  async saveSettings(workspaceId: string, version: string, settings: WorkspaceSettingsShape, audit: AuditEntry) {
    if (this.settings.get(workspaceId) !== version) return false;
    this.settings.set(workspaceId, JSON.stringify(settings));
    this.audit.push(audit);
    return true;
  }

  private addNotifications(notes: Notification[]) {
    for (const n of notes) if (!this.notifications.some((x) => x.dedupeKey === n.dedupeKey)) this.notifications.push(n);
  }
}

export class InMemoryPeopleDirectory implements PeopleDirectory {
  readonly people = new Map<string, PersonRef & { workspaceId: string }>();
  pmoReviewers: string[] = [];
  readonly audit: AuditEntry[] = [];

  add(workspaceId: string, p: PersonRef): PersonRef {
    this.people.set(p.id, { ...p, workspaceId });
    return p;
  }

  async person(workspaceId: string, personId: string) {
    const p = this.people.get(personId);
    return p && p.workspaceId === workspaceId ? { id: p.id, address: p.address, timeZone: p.timeZone, locale: p.locale, managerId: p.managerId ?? null } : null;
  }

  async pmo(workspace: { id: string; settings: { pmoReviewers: string[]; pmoChannel: string | null } }) {
    const reviewers = [...this.people.values()].filter((p) => p.workspaceId === workspace.id && workspace.settings.pmoReviewers.includes(p.address));
    return { reviewers, channel: workspace.settings.pmoChannel };
  }

  async saveManagers(workspaceId: string, changes: ManagerChange[], audit: AuditEntry[]) {
    for (const c of changes) {
      const p = this.people.get(c.personId);
      if (p && p.workspaceId === workspaceId) this.people.set(p.id, { ...p, managerId: c.managerId });
    }
    this.audit.push(...audit);
  }
}

export class InMemorySurveyRepo implements SurveyRepo {
  readonly surveys = new Map<string, SurveyRecord & { remindAt: Date | null; question: string; nextWaveAt: Date | null; seriesId: string | null; wave: number }>();
  readonly responses: NewResponse[] = [];
  readonly answers = new Map<string, { score: number; comment: string | null; at: Date }>();
  readonly notifications: Notification[] = [];
  readonly projects = new Set<string>();

  async get(workspaceId: string, id: string) {
    const s = this.surveys.get(id);
    return s && s.workspaceId === workspaceId ? { ...s } : null;
  }
  async projectExists(_workspaceId: string, projectId: string) {
    return this.projects.has(projectId);
  }
  /** Outcome id → project id, for outcomeInProject. */
  readonly outcomeProjects = new Map<string, string>();
  async outcomeInProject(_workspaceId: string, outcomeId: string, projectId: string) {
    return this.outcomeProjects.get(outcomeId) === projectId;
  }
  async saveSurvey(s: NewSurvey) {
    const { notifications, remindAfterDays: _r, pulseEveryDays: _p, pulseUntil: _u, ...rest } = s;
    this.surveys.set(s.id, { ...rest, status: 'open' });
    this.notifications.push(...notifications);
  }
  async saveAnswer(a: { surveyId: string; respondentId: string; score: number; comment: string | null | undefined; at: Date }) {
    const key = `${a.surveyId}:${a.respondentId}`;
    const before = this.answers.get(key);
    const existed = before !== undefined;
    this.answers.set(key, { score: a.score, comment: a.comment === undefined ? (before?.comment ?? null) : a.comment, at: a.at });
    return existed ? ('changed' as const) : ('created' as const);
  }
  async saveResponse(a: NewResponse) {
    const who = (r: NewResponse) => (r.anonymous ? `k:${r.key}` : `p:${r.respondentId}`);
    if (this.responses.some((r) => r.surveyId === a.surveyId && who(r) === who(a))) return 'duplicate' as const;
    this.responses.push(a);
    return 'created' as const;
  }
}

export class InMemoryReviewRepo implements ReviewRepo {
  readonly reviews = new Map<string, ReviewRecord & { workspaceId: string }>();
  readonly results: NewReviewResult[] = [];

  async get(workspaceId: string, scheduleId: string) {
    const r = this.reviews.get(scheduleId);
    return r && r.workspaceId === workspaceId ? { ...r } : null;
  }
  async saveResult(r: NewReviewResult) {
    const review = this.reviews.get(r.scheduleId);
    if (!review || review.status === 'done' || review.status === 'cancelled') return 'stale' as const;
    this.reviews.set(r.scheduleId, { ...review, status: 'done' });
    this.results.push(r);
    return 'stored' as const;
  }
}
