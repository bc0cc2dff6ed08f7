/**
 * GitHub deliveries → events (platform-facts §7.1; octokit/webhooks payload schemas). Pure.
 * Items are keyed by `repository.id`, which survives renames and transfers (`full_name` does not).
 */
import { z } from 'zod';
import { endOfDueDay, ignored, isoTime, mapped as event, payloadOf, type Normalised } from './normalised.ts';

const repo = z.object({ id: z.number() });
const pullRequest = z.object({
  action: z.string(),
  number: z.number(),
  repository: repo,
  pull_request: z.object({ merged: z.boolean().nullish(), merged_at: isoTime.nullable(), created_at: isoTime }),
});
const release = z.object({
  action: z.string(),
  repository: repo,
  release: z.object({ id: z.number(), draft: z.boolean(), prerelease: z.boolean(), created_at: isoTime.nullable(), published_at: isoTime.nullable() }),
});
const deploymentStatus = z.object({
  action: z.string(),
  repository: repo,
  deployment_status: z.object({ state: z.string(), created_at: isoTime }),
  deployment: z.object({ id: z.number(), created_at: isoTime }),
});
const issues = z.object({
  action: z.string(),
  repository: repo,
  issue: z.object({ number: z.number(), created_at: isoTime, closed_at: isoTime.nullable(), state_reason: z.string().nullish(), pull_request: z.unknown().optional() }),
});
const milestone = z.object({
  action: z.string(),
  repository: repo,
  milestone: z.object({ number: z.number(), created_at: isoTime, closed_at: isoTime.nullable(), due_on: endOfDueDay.nullable() }),
});

/** Only the action the rules read is parsed further; other actions of a known event are ignored. */
const action = (payload: unknown) => (typeof payload === 'object' && payload !== null ? (payload as { action?: unknown }).action : undefined);

/**
 * Maps one delivery (its `X-GitHub-Event` and parsed JSON body) to an event:
 * pull_request closed **and merged** (the official example is an unmerged close), release
 * published (drafts never fire it; prereleases are ignored: a release candidate is not a
 * release to users), deployment_status success, issues closed (issues only: a PR's close is
 * its own event), milestone closed. Anything else, `ping` included, is ignored.
 */
export function normaliseGithub(eventName: string, payload: unknown): Normalised {
  const act = action(payload);
  switch (eventName) {
    case 'pull_request': {
      if (act !== 'closed') return ignored(`pull_request ${String(act)}`);
      const p = payloadOf(pullRequest, payload, 'pull_request');
      if (p.pull_request.merged !== true || !p.pull_request.merged_at) return ignored('pull_request closed without merging');
      return event('pr_merged', `${p.repository.id}#pr${p.number}`, p.pull_request.merged_at, p.pull_request.created_at, null, 'merged');
    }
    case 'release': {
      if (act !== 'published') return ignored(`release ${String(act)}`);
      const p = payloadOf(release, payload, 'release');
      if (p.release.draft || p.release.prerelease || !p.release.published_at) return ignored('a draft or prerelease');
      return event('release_published', `${p.repository.id}#release${p.release.id}`, p.release.published_at, p.release.created_at, null, 'published');
    }
    case 'deployment_status': {
      const p = payloadOf(deploymentStatus, payload, 'deployment_status');
      if (p.deployment_status.state !== 'success') return ignored(`deployment ${p.deployment_status.state}`);
      return event('deployment_succeeded', `${p.repository.id}#deployment${p.deployment.id}`, p.deployment_status.created_at, p.deployment.created_at, null, 'success');
    }
    case 'issues': {
      if (act !== 'closed') return ignored(`issues ${String(act)}`);
      const p = payloadOf(issues, payload, 'issues');
      if (p.issue.pull_request !== undefined || !p.issue.closed_at) return ignored('a pull request, not an issue');
      return event('issue_closed', `${p.repository.id}#issue${p.issue.number}`, p.issue.closed_at, p.issue.created_at, null, p.issue.state_reason ?? 'closed');
    }
    case 'milestone': {
      if (act !== 'closed') return ignored(`milestone ${String(act)}`);
      const p = payloadOf(milestone, payload, 'milestone');
      if (!p.milestone.closed_at) return ignored('a milestone without closed_at');
      return event('milestone_closed', `${p.repository.id}#milestone${p.milestone.number}`, p.milestone.closed_at, p.milestone.created_at, p.milestone.due_on, 'closed');
    }
    default:
      return ignored(`event ${eventName}`);
  }
}
