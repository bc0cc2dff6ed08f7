/**
 * GitHub webhook payloads in their real shapes (octokit/webhooks payload-examples, trimmed to
 * the documented fields of platform-facts §7.1 plus the usual envelope: repository, sender).
 */
const user = { login: 'octocat', id: 583_231, node_id: 'MDQ6VXNlcjU4MzIzMQ==', type: 'User', site_admin: false };

/** Builders for one repository's payloads; times are ISO-8601 UTC strings, as GitHub sends them. */
export function githubPayloads(repo: { id: number; full_name: string }) {
  const [owner, name] = repo.full_name.split('/') as [string, string];
  const repository = { id: repo.id, node_id: `R_${repo.id}`, name, full_name: repo.full_name, private: true, owner: { ...user, login: owner }, html_url: `https://github.com/${repo.full_name}`, default_branch: 'main' };
  const envelope = { repository, sender: user };
  return {
    repository,
    /** `pull_request` `closed`; `merged: false` is the official example's unmerged close. */
    pullRequestClosed(o: { number: number; createdAt: string; closedAt: string; merged: boolean }) {
      return {
        action: 'closed',
        number: o.number,
        pull_request: {
          url: `https://api.github.com/repos/${repo.full_name}/pulls/${o.number}`,
          id: 1_000_000 + o.number,
          number: o.number,
          state: 'closed',
          locked: false,
          title: `Change ${o.number}`,
          user,
          body: null,
          created_at: o.createdAt,
          updated_at: o.closedAt,
          closed_at: o.closedAt,
          merged_at: o.merged ? o.closedAt : null,
          merge_commit_sha: o.merged ? 'c4295bd74fb0f4fda03689c3df3f2803b658fd85' : null,
          merged: o.merged,
          base: { ref: 'main', sha: '9049f1265b7d61be4a8904a9a27120d2064dab3b' },
          head: { ref: `feature-${o.number}`, sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821' },
        },
        ...envelope,
      };
    },
    /** `release` `published` (drafts never fire it; prereleases do). */
    releasePublished(o: { id: number; tag: string; createdAt: string; publishedAt: string; prerelease?: boolean }) {
      return { action: 'published', release: { id: o.id, tag_name: o.tag, target_commitish: 'main', name: o.tag, draft: false, prerelease: o.prerelease ?? false, author: user, created_at: o.createdAt, published_at: o.publishedAt }, ...envelope };
    },
    /** `deployment_status` (action `created` only). */
    deploymentStatus(o: { deploymentId: number; state: 'pending' | 'in_progress' | 'success' | 'failure' | 'error' | 'waiting' | 'queued'; deployedAt: string; createdAt: string }) {
      return {
        action: 'created',
        deployment_status: { id: o.deploymentId * 10, state: o.state, environment: 'production', creator: user, created_at: o.deployedAt, updated_at: o.deployedAt },
        deployment: { id: o.deploymentId, sha: 'c4295bd74fb0f4fda03689c3df3f2803b658fd85', ref: 'main', task: 'deploy', environment: 'production', creator: user, created_at: o.createdAt, updated_at: o.deployedAt },
        ...envelope,
      };
    },
    /** `issues` `closed`; `pullRequest` sets the field GitHub adds when the "issue" is a PR. */
    issueClosed(o: { number: number; createdAt: string; closedAt: string; stateReason?: 'completed' | 'not_planned' | null; pullRequest?: boolean }) {
      return {
        action: 'closed',
        issue: {
          id: 2_000_000 + o.number,
          number: o.number,
          title: `Issue ${o.number}`,
          user,
          state: 'closed',
          state_reason: o.stateReason === undefined ? 'completed' : o.stateReason,
          milestone: null,
          created_at: o.createdAt,
          updated_at: o.closedAt,
          closed_at: o.closedAt,
          ...(o.pullRequest ? { pull_request: { url: `https://api.github.com/repos/${repo.full_name}/pulls/${o.number}`, merged_at: null } } : {}),
        },
        ...envelope,
      };
    },
    /** `milestone` `closed`. */
    milestoneClosed(o: { number: number; title: string; createdAt: string; closedAt: string; dueOn: string | null }) {
      return {
        action: 'closed',
        milestone: { id: 3_000_000 + o.number, number: o.number, title: o.title, description: null, creator: user, open_issues: 0, closed_issues: 4, state: 'closed', created_at: o.createdAt, updated_at: o.closedAt, due_on: o.dueOn, closed_at: o.closedAt },
        ...envelope,
      };
    },
  };
}
